package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.share.Share;
import io.dittofs.smb.info.SmbAttributes;
import io.dittofs.smb.messages.NetworkOpenInfo;
import io.dittofs.smb.messages.Smb2CloseRequest;
import io.dittofs.smb.messages.Smb2CloseResponse;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.ParentLeases;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.server.SmbServer;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMB2 CLOSE (MS-SMB2 section 3.3.5.10): forgets the open, and when it was the last open of a
 * delete-pending file, removes the file (delete-on-close, MS-FSA 2.1.5.4).
 */
public final class Smb2CloseHandler implements Smb2Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Smb2CloseHandler.class);

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2CloseRequest req = Smb2CloseRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        boolean deleted = closeOpen(ctx.server(), ctx.connection(), open);
        NetworkOpenInfo info = null;
        if ((req.flags() & Smb2CloseRequest.POSTQUERY_ATTRIB) != 0 && !deleted) {
            info = SmbAttributes.networkOpen(ctx.fs().getAttributes(ctx.auth(), open.node()));
        }
        return Reply.ok(new Smb2CloseResponse(info));
    }

    /** Closes {@code open} (also for LOGOFF, TREE_DISCONNECT and a lost connection); returns whether the file was deleted. */
    public static boolean closeOpen(SmbServer server, Connection conn, Open open) {
        if (conn.removeOpen(open.fileId().volatileId()) == null) {
            return false;
        }
        return release(server, open);
    }

    /**
     * Releases what {@code open} holds (already out of its connection's table: a close, or a
     * durable open whose timeout ran out); returns whether the file was deleted.
     */
    public static boolean release(SmbServer server, Open open) {
        Share share = open.tree().share();
        if (share == null) {
            return false;
        }
        PersistentHandles.forget(open);
        FileSystem fs = share.fileSystem();
        AuthContext auth = open.tree().ctx();
        if (open.written() && !open.deleteOnClose()) {
            try {
                fs.commit(auth, open.node()); // SMB has no COMMIT: what was written is durable once closed
            } catch (FsException e) {
                LOG.warn("commit at close of {} failed: {}", open.path(), e.toString());
            }
        }
        if (!open.isDirectory()) {
            Smb2LockHandler.releaseAll(server.runtime().locks(), open);
        }
        OpenTable table = server.runtime().opens();
        OpenHandle handle = open.handle();
        if (handle == null) {
            return false;
        }
        open.closeWatch();
        server.leases().closed(open);
        if (open.deleteOnClose()) {
            table.setDeletePending(handle.file(), true);
        }
        if (!table.close(handle).deleteNow()) {
            return false;
        }
        NodeId parent = open.parent();
        if (parent == null) {
            return false;
        }
        try {
            ParentLeases.exempt(
                    open.parentCaching(),
                    () -> open.isDirectory()
                            ? fs.removeDirectory(auth, parent, open.name())
                            : fs.remove(auth, parent, open.name()));
            return true;
        } catch (FsException e) {
            // MS-FSA: a failed delete at close is not reported; the file stays.
            LOG.debug("delete-on-close of {} failed: {}", open.path(), e.toString());
            return false;
        }
    }
}
