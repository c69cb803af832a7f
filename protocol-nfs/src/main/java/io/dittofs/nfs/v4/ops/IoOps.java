package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.FileRef;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.state.Stateid;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.ReadResult;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.fs.WriteResult;
import io.dittofs.runtime.open.BreakIntent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * READ, WRITE and COMMIT (RFC 7530 sections 16.23, 16.36, 16.3). Counts are clamped to the
 * server's and the share's maximum, never used to size a buffer; READ data goes to the socket
 * without a copy and WRITE data reaches the runtime as a view of the request.
 */
public final class IoOps {
    private IoOps() {}

    /** READ (section 16.23). */
    public static OpResult read(CompoundContext ctx, XdrReader in) {
        Stateid sid = Stateid.decode(in);
        long offset = in.readLong();
        int count = in.readInt();
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
        ctx.server().state().checkIo(ctx.resolve(sid), ctx.minorVersion(), f.key(), false);
        int limit =
                Math.min(ctx.server().settings().maxReadSize(), f.fs().info().maxReadSize());
        int n = (int) Math.min(Integer.toUnsignedLong(count), limit);
        if (offset < 0) {
            return OpResult.ok(out -> out.writeBoolean(true).writeInt(0));
        }
        ReadResult r = f.fs().read(f.auth(), f.node(), offset, n);
        ByteBuf data = Unpooled.wrappedBuffer(r.data());
        boolean eof = r.eof();
        return OpResult.ok(out -> out.writeBoolean(eof).writeOpaque(data));
    }

    /** WRITE (section 16.36). */
    public static OpResult write(CompoundContext ctx, XdrReader in) {
        Stateid sid = Stateid.decode(in);
        long offset = in.readLong();
        int stable = in.readInt();
        ByteBuffer data = in.readOpaqueView(ctx.server().settings().maxWriteSize());
        Stability stability =
                switch (stable) {
                    case Nfs4.UNSTABLE4 -> Stability.UNSTABLE;
                    case Nfs4.DATA_SYNC4 -> Stability.DATA_SYNC;
                    case Nfs4.FILE_SYNC4 -> Stability.FILE_SYNC;
                    default -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "stable_how4 " + stable);
                };
        if (offset < 0) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_FBIG, "offset beyond 2^63");
        }
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
        Stateid resolved = ctx.resolve(sid);
        ctx.server().state().checkIo(resolved, ctx.minorVersion(), f.key(), true);
        if (resolved.isSpecial()) {
            // A write without an open (RFC 7530 section 9.1.4.3): no OPEN recalled anything yet.
            ctx.breakCaching(f, ctx.holder(), BreakIntent.MODIFY);
        }
        WriteResult r = f.fs().write(f.auth(), f.node(), offset, data, stability);
        int committed =
                switch (r.committed()) {
                    case UNSTABLE -> Nfs4.UNSTABLE4;
                    case DATA_SYNC -> Nfs4.DATA_SYNC4;
                    case FILE_SYNC -> Nfs4.FILE_SYNC4;
                };
        long verifier = ctx.server().settings().writeVerifier();
        return OpResult.ok(out -> out.writeInt(r.count()).writeInt(committed).writeLong(verifier));
    }

    /** COMMIT (section 16.3). */
    public static OpResult commit(CompoundContext ctx, XdrReader in) {
        in.readLong(); // offset and count: the runtime commits the whole file
        in.readInt();
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
        f.fs().commit(f.auth(), f.node());
        long verifier = ctx.server().settings().writeVerifier();
        return OpResult.ok(out -> out.writeLong(verifier));
    }
}
