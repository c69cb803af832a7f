package io.dittofs.smb.handlers;

import io.dittofs.smb.info.SmbAttributes;
import io.dittofs.smb.messages.CreateContext;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.messages.LeaseRequest;
import io.dittofs.smb.messages.Smb2CreateRequest;
import io.dittofs.smb.messages.Smb2CreateResponse;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.Leases;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.SmbServer;
import io.dittofs.smb.server.TreeConnect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable handles v1 (DHnQ/DHnC, MS-SMB2 2.2.13.2.3-4) and v2 (DH2Q/DH2C, 2.2.13.2.11-12): a
 * durable open survives the loss of its connection for its timeout (kept by
 * {@link io.dittofs.smb.server.DurableOpens}) and a CREATE naming it takes it back. As MS-SMB2
 * 3.3.5.9.6/3.3.5.9.10 say, an open is made durable only with handle caching (a batch oplock or
 * a lease with H), except a persistent one: a DH2Q with SMB2_DHANDLE_FLAG_PERSISTENT on a
 * continuously available share over SMB 3.x is granted whatever the caching, and answered with
 * that flag, and saved in the share's state records ({@link PersistentHandles}) so that it also
 * survives a restart of the server.
 */
public final class DurableHandles {
    static final String V1_REQUEST = "DHnQ";
    static final String V1_RECONNECT = "DHnC";
    static final String V2_REQUEST = "DH2Q";
    static final String V2_RECONNECT = "DH2C";
    /** DH2Q Flags: SMB2_DHANDLE_FLAG_PERSISTENT (2.2.13.2.11). */
    static final int FLAG_PERSISTENT = 0x2;
    /** Timeout of a v1 handle, and of a v2 handle that asks for 0. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The longest a v2 handle may ask for. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(DurableHandles.class);

    private DurableHandles() {}

    private static @Nullable CreateContext find(Smb2CreateRequest req, String name) {
        for (CreateContext c : req.contexts()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether the CREATE reclaims a durable open (DHnC or DH2C). */
    static boolean isReconnect(Smb2CreateRequest req) {
        return find(req, V1_RECONNECT) != null || find(req, V2_RECONNECT) != null;
    }

    /** Makes {@code open} durable when asked and allowed; returns the response context, or {@code null}. */
    static @Nullable CreateContext grant(RequestContext ctx, Smb2CreateRequest req, Open open) {
        CreateContext v2 = find(req, V2_REQUEST);
        CreateContext v1 = find(req, V1_REQUEST);
        if (v1 == null && v2 == null) {
            return null;
        }
        if (v2 != null && v2.data().length != 32) {
            throw SmbProtocolException.invalid("DH2Q of " + v2.data().length + " bytes");
        }
        boolean persistent = v2 != null
                && (le(v2.data()).getInt(4) & FLAG_PERSISTENT) != 0 // Flags (4 bytes)
                && continuouslyAvailable(ctx, ctx.share().name());
        if (!persistent && !ctx.server().leases().cachesHandles(open)) {
            return null;
        }
        if (v2 != null) {
            byte[] d = v2.data();
            long asked = Integer.toUnsignedLong(le(d).getInt(0)); // Timeout (4 bytes), milliseconds
            Duration timeout =
                    asked == 0 ? DEFAULT_TIMEOUT : Duration.ofMillis(Math.min(asked, MAX_TIMEOUT.toMillis()));
            open.makeDurable(timeout, Arrays.copyOfRange(d, 16, 32)); // CreateGuid (16 bytes)
            if (persistent) {
                open.persistent(true);
                PersistentHandles.save(open);
            }
            byte[] out = ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) timeout.toMillis()) // Timeout (4 bytes)
                    .putInt(persistent ? FLAG_PERSISTENT : 0) // Flags (4 bytes)
                    .array();
            return new CreateContext(V2_REQUEST, out);
        }
        open.makeDurable(DEFAULT_TIMEOUT, null);
        return new CreateContext(V1_REQUEST, new byte[8]); // Reserved (8 bytes)
    }

    /** Whether share {@code share} offers persistent handles to this connection (3.x dialects only). */
    static boolean continuouslyAvailable(RequestContext ctx, String share) {
        var dialect = ctx.connection().dialect();
        return dialect != null && dialect.isSmb3() && ctx.server().settings().isContinuouslyAvailable(share);
    }

    /** Keeps a durable open of a lost connection; returns false when it is not durable (the caller closes it). */
    public static boolean preserve(SmbServer server, Connection conn, Open open) {
        if (open.durableTimeout().isZero()
                || open.handle() == null
                || open.tree().share() == null) {
            return false;
        }
        if (conn.removeOpen(open.fileId().volatileId()) == null) {
            return true;
        }
        int uid = open.tree().ctx().principal().uid();
        server.durable().preserve(open, conn, uid, (from, o) -> Smb2CloseHandler.release(server, o));
        return true;
    }

    /** CREATE with DHnC or DH2C (MS-SMB2 3.3.5.9.7, 3.3.5.9.12): the preserved open, on this connection. */
    static Reply reconnect(RequestContext ctx, Smb2CreateRequest req, TreeConnect tree, @Nullable LeaseRequest lease) {
        CreateContext v2 = find(req, V2_RECONNECT);
        CreateContext v1 = find(req, V1_RECONNECT);
        byte[] d = v2 != null ? v2.data() : v1.data();
        if (d.length != (v2 != null ? 36 : 16)) {
            throw SmbProtocolException.invalid("durable reconnect context of " + d.length + " bytes");
        }
        FileId old = new FileId(le(d).getLong(0), le(d).getLong(8)); // FileId (16 bytes)
        byte[] guid = v2 != null ? Arrays.copyOfRange(d, 16, 32) : null; // CreateGuid (16 bytes)
        int uid = tree.ctx().principal().uid();
        Open preserved = ctx.server().durable().reclaim(old.persistent(), uid, guid, why -> LOG.debug("{}", why));
        if (preserved == null) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no durable open to reclaim");
        }
        if (preserved.tree().share() != tree.share()) {
            ctx.server()
                    .durable()
                    .preserve(preserved, ctx.connection(), uid, (from, o) -> Smb2CloseHandler.release(ctx.server(), o));
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "durable open of another share");
        }
        Open open = Open.reconnected(preserved, ctx.connection().nextFileId(), tree);
        ctx.connection().addOpen(open);
        ctx.setResultFileId(open.fileId());
        Leases.Granted caching = ctx.server().leases().reconnected(open, ctx.connection(), ctx.session(), lease);
        List<CreateContext> contexts = new ArrayList<>();
        if (caching.context() != null) {
            contexts.add(caching.context());
        }
        var attributes = ctx.fs().getAttributes(ctx.auth(), open.node());
        return Reply.ok(new Smb2CreateResponse(
                caching.oplockLevel(),
                Smb2CreateResponse.FILE_OPENED,
                SmbAttributes.networkOpen(attributes),
                open.fileId(),
                contexts));
    }
}
