package io.dittofs.server.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A share. Only name and stores are required.
 *
 * @param name the share's name: SMB share name, NFS export "/name"
 * @param metadataStore name of its metadata store
 * @param blockStore name of its block store
 * @param readOnly refuse every change (default false)
 * @param squash {@code none} (default), {@code root} or {@code all}
 * @param anonUid uid squashed callers get (default 65534)
 * @param anonGid gid squashed callers get (default 65534)
 * @param allowedNetworks CIDRs allowed to use the share (default: all)
 * @param secure NFS clients must use a port below 1024 (default false)
 * @param guest SMB clients without an account may connect as the anonymous ids (default false)
 * @param protocols {@code nfs} and/or {@code smb} (default both)
 * @param durability what COMMIT / FILE_SYNC / SMB FLUSH wait for: {@code local} (default: the share's
 *     local write log is fsynced) or {@code remote} (the remote block store holds the data)
 * @param smbEncryption SMB 3.x encryption of this share: {@code off}, {@code desired} (encrypted
 *     when the client can) or {@code required} (clients that do not encrypt are refused); default
 *     off, the server-wide {@code adapters.smb.encryption} still applies to sessions
 * @param smbContinuousAvailability SMB 3.x continuous availability: the share offers persistent
 *     handles (default false)
 */
public record ShareConfig(
        String name,
        String metadataStore,
        String blockStore,
        @Nullable Boolean readOnly,
        @Nullable String squash,
        @Nullable Integer anonUid,
        @Nullable Integer anonGid,
        @Nullable List<String> allowedNetworks,
        @Nullable Boolean secure,
        @Nullable Boolean guest,
        @Nullable List<String> protocols,
        @Nullable String durability,
        @Nullable String smbEncryption,
        @Nullable Boolean smbContinuousAvailability) {}
