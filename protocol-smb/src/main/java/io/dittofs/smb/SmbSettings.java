package io.dittofs.smb;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * How the SMB adapter serves: validated at construction.
 *
 * @param bindAddress the address to listen on ("0.0.0.0", "127.0.0.1", "::")
 * @param port the TCP port (445 by default; 0 picks a free one, for tests)
 * @param maxFrameBytes the largest frame accepted or sent (the 4-byte length prefix excluded);
 *     also bounds MaxReadSize, MaxWriteSize and MaxTransactSize
 * @param signingRequired whether every session must sign (SecurityMode SIGNING_REQUIRED)
 * @param serverGuid the ServerGuid sent in NEGOTIATE responses
 * @param maxCredits the most credits a connection may hold at once
 * @param netbiosName the server name in NTLM challenges
 * @param domainName the domain (workgroup) name in NTLM challenges
 * @param encryption whether SMB 3.x sessions are encrypted
 * @param shareEncryption whether the trees of a share (by name) are encrypted; missing: off
 * @param continuouslyAvailable the shares (by name) that offer persistent handles (MS-SMB2 3.3.1.6
 *     Share.IsCA, SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY); missing: not
 */
public record SmbSettings(
        String bindAddress,
        int port,
        int maxFrameBytes,
        boolean signingRequired,
        UUID serverGuid,
        int maxCredits,
        String netbiosName,
        String domainName,
        EncryptionMode encryption,
        Map<String, EncryptionMode> shareEncryption,
        Set<String> continuouslyAvailable) {

    public static final int DEFAULT_PORT = 445;
    /** 8 MiB of data per READ/WRITE plus headers. */
    public static final int DEFAULT_MAX_FRAME = 8 * 1024 * 1024 + 4096;

    public SmbSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(serverGuid, "serverGuid");
        Objects.requireNonNull(encryption, "encryption");
        shareEncryption = Map.copyOf(shareEncryption);
        continuouslyAvailable = Set.copyOf(continuouslyAvailable);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of 0..65535");
        }
        if (maxFrameBytes < 64 * 1024 + 4096 || maxFrameBytes > 0xFFFFFF) {
            throw new IllegalArgumentException("maxFrameBytes must be in 69632..16777215 (24-bit frame length)");
        }
        if (maxCredits < 16 || maxCredits > 8192) {
            throw new IllegalArgumentException("maxCredits must be in 16..8192");
        }
    }

    /** Defaults: all addresses, port 445, 8 MiB I/O, signing enabled but not required. */
    public static SmbSettings defaults() {
        return new SmbSettings(
                "0.0.0.0",
                DEFAULT_PORT,
                DEFAULT_MAX_FRAME,
                false,
                UUID.randomUUID(),
                512,
                "DITTOFS",
                "WORKGROUP",
                EncryptionMode.DESIRED,
                Map.of(),
                Set.of());
    }

    public SmbSettings withBind(String address, int newPort) {
        return new SmbSettings(
                address,
                newPort,
                maxFrameBytes,
                signingRequired,
                serverGuid,
                maxCredits,
                netbiosName,
                domainName,
                encryption,
                shareEncryption,
                continuouslyAvailable);
    }

    public SmbSettings withSigningRequired(boolean v) {
        return new SmbSettings(
                bindAddress,
                port,
                maxFrameBytes,
                v,
                serverGuid,
                maxCredits,
                netbiosName,
                domainName,
                encryption,
                shareEncryption,
                continuouslyAvailable);
    }

    public SmbSettings withEncryption(EncryptionMode v) {
        return new SmbSettings(
                bindAddress,
                port,
                maxFrameBytes,
                signingRequired,
                serverGuid,
                maxCredits,
                netbiosName,
                domainName,
                v,
                shareEncryption,
                continuouslyAvailable);
    }

    /** Encryption per share name (MS-SMB2 3.3.1.6 Share.EncryptData); shares not named are OFF. */
    public SmbSettings withShareEncryption(Map<String, EncryptionMode> v) {
        return new SmbSettings(
                bindAddress,
                port,
                maxFrameBytes,
                signingRequired,
                serverGuid,
                maxCredits,
                netbiosName,
                domainName,
                encryption,
                v,
                continuouslyAvailable);
    }

    /** The shares, by name, that offer persistent handles. */
    public SmbSettings withContinuouslyAvailable(Set<String> v) {
        return new SmbSettings(
                bindAddress,
                port,
                maxFrameBytes,
                signingRequired,
                serverGuid,
                maxCredits,
                netbiosName,
                domainName,
                encryption,
                shareEncryption,
                v);
    }

    /** Whether share {@code name} is continuously available (offers persistent handles). */
    public boolean isContinuouslyAvailable(String name) {
        return continuouslyAvailable.contains(name);
    }

    /** The encryption of share {@code name}. */
    public EncryptionMode shareEncryption(String name) {
        return shareEncryption.getOrDefault(name, EncryptionMode.OFF);
    }

    /** The largest READ, WRITE or IOCTL payload: the frame cap less room for headers, in whole 64 KiB units. */
    public int maxIoSize() {
        return ((maxFrameBytes - 4096) / 65536) * 65536;
    }
}
