package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.StateEntry;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.share.Share;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.SmbServer;
import io.dittofs.smb.server.TreeConnect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent handles saved in their share's state records (MS-SMB2 3.3.5.9.10: Open.IsPersistent;
 * 3.3.7.1), so that they outlive a restart of the server: saved when granted, removed when the
 * open is closed or its timeout runs out, and restored when the adapter starts, each with its
 * share reservation back in the open table and waiting, for its timeout, for a DH2C with its
 * CreateGuid from the same user. Leases and byte-range locks are not saved: a restored open has
 * neither.
 *
 * <p>Record: kind {@value #KIND}, key the persistent FileId (8 bytes), value as {@link #encode}.
 */
public final class PersistentHandles {
    static final String KIND = "smb.persistent";
    private static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PersistentHandles.class);

    private PersistentHandles() {}

    private static byte[] key(long persistentId) {
        return ByteBuffer.allocate(8).putLong(persistentId).array();
    }

    /** Saves {@code open} (just granted a persistent handle) in its share's state records. */
    static void save(Open open) {
        Share share = open.tree().share();
        OpenHandle handle = open.handle();
        if (share == null || handle == null) {
            return;
        }
        share.fileSystem().putStateEntry(KIND, key(open.fileId().persistent()), encode(open, handle));
    }

    /** Removes the record of a persistent {@code open} that is being closed. */
    public static void forget(Open open) {
        Share share = open.tree().share();
        if (!open.isPersistent() || share == null) {
            return;
        }
        try {
            share.fileSystem().removeStateEntry(KIND, key(open.fileId().persistent()));
        } catch (RuntimeException e) {
            LOG.warn("could not forget persistent handle of {}: {}", open.path(), e.toString());
        }
    }

    private static byte[] encode(Open open, OpenHandle handle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Principal p = open.tree().ctx().principal();
            NodeId parent = open.parent();
            byte[] guid = open.createGuid();
            out.writeByte(VERSION);
            out.write(guid == null ? new byte[16] : guid); // CreateGuid
            out.writeInt(p.uid());
            out.writeInt(p.gid());
            out.writeLong(open.node().fileId());
            out.writeInt(open.node().generation());
            out.writeBoolean(open.isDirectory());
            out.writeInt(open.grantedAccess());
            out.writeInt(handle.mode().access());
            out.writeInt(handle.mode().deny());
            out.writeUTF(handle.holder());
            out.writeLong(parent == null ? 0 : parent.fileId());
            out.writeInt(parent == null ? 0 : parent.generation());
            out.writeUTF(open.name());
            out.writeUTF(open.path());
            out.writeLong(open.durableTimeout().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores the saved persistent handles of every continuously available share, at the start
     * of the adapter: returns the highest persistent FileId seen (new ids must be above it).
     */
    public static long restore(SmbServer server) {
        long highest = 0;
        for (Share share : server.runtime().shares().all()) {
            if (!server.settings().isContinuouslyAvailable(share.name())
                    || !share.options().protocols().contains(Protocol.SMB2)) {
                continue;
            }
            for (StateEntry e : share.fileSystem().stateEntries(KIND)) {
                long id = ByteBuffer.wrap(e.key()).getLong();
                highest = Math.max(highest, id);
                Open open = restoreOne(server, share, id, e.value());
                if (open == null) {
                    share.fileSystem().removeStateEntry(KIND, e.key());
                }
            }
        }
        return highest;
    }

    private static @Nullable Open restoreOne(SmbServer server, Share share, long id, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readUnsignedByte() != VERSION) {
                return null;
            }
            byte[] guid = in.readNBytes(16);
            int uid = in.readInt();
            int gid = in.readInt();
            NodeId node = new NodeId(in.readLong(), in.readInt());
            boolean directory = in.readBoolean();
            int grantedAccess = in.readInt();
            OpenMode mode = new OpenMode(in.readInt(), in.readInt());
            String holder = in.readUTF();
            long parentId = in.readLong();
            int parentGeneration = in.readInt();
            String name = in.readUTF();
            String path = in.readUTF();
            Duration timeout = Duration.ofMillis(in.readLong());
            AuthContext ctx =
                    new AuthContext(new Principal(uid, gid, new int[0], null), Protocol.SMB2, AuthFlavor.NTLM, null);
            share.fileSystem().getAttributes(ctx, node); // STALE when the file went meanwhile
            OpenHandle handle = server.runtime().opens().open(new FileKey(share.id(), node.fileId()), holder, mode);
            Open open = new Open(
                    new FileId(id, id),
                    new TreeConnect(0, share, ctx),
                    node,
                    directory,
                    grantedAccess,
                    parentId == 0 ? null : new NodeId(parentId, parentGeneration),
                    name,
                    path);
            open.attach(handle);
            open.makeDurable(timeout, guid);
            open.persistent(true);
            server.durable().preserve(open, null, uid, (from, o) -> Smb2CloseHandler.release(server, o));
            LOG.info(
                    "persistent handle of {} on share {} restored, waiting {} for its client",
                    path,
                    share.name(),
                    timeout);
            return open;
        } catch (IOException | FsException | IllegalArgumentException e) {
            LOG.warn("persistent handle {} on share {} not restored: {}", id, share.name(), e.toString());
            return null;
        }
    }
}
