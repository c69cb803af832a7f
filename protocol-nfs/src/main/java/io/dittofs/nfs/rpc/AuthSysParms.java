package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The body of an AUTH_SYS credential (RFC 5531 appendix A).
 *
 * <pre>
 * struct authsys_parms {
 *     unsigned int stamp;
 *     string machinename&lt;255&gt;;
 *     unsigned int uid;
 *     unsigned int gid;
 *     unsigned int gids&lt;16&gt;;
 * };
 * </pre>
 */
public record AuthSysParms(int stamp, String machineName, int uid, int gid, int[] gids) {
    public static final int MAX_MACHINE_NAME = 255;
    public static final int MAX_GIDS = 16;

    public AuthSysParms {
        gids = gids.clone();
    }

    public static AuthSysParms decode(XdrReader in) {
        int stamp = in.readInt();
        String machine = in.readString(MAX_MACHINE_NAME);
        int uid = in.readInt();
        int gid = in.readInt();
        int n = in.readArrayLength(MAX_GIDS);
        int[] gids = new int[n];
        for (int i = 0; i < n; i++) {
            gids[i] = in.readInt();
        }
        return new AuthSysParms(stamp, machine, uid, gid, gids);
    }

    /** Decodes the body of an AUTH_SYS {@link OpaqueAuth}, which must hold nothing more. */
    public static AuthSysParms fromCredential(OpaqueAuth credential) {
        ByteBuf b = Unpooled.wrappedBuffer(credential.body());
        XdrReader in = new XdrReader(b);
        AuthSysParms p = decode(in);
        in.requireEnd();
        return p;
    }

    public void encode(XdrWriter out) {
        out.writeInt(stamp).writeString(machineName).writeInt(uid).writeInt(gid).writeInt(gids.length);
        for (int g : gids) {
            out.writeInt(g);
        }
    }

    /** This as an AUTH_SYS credential. */
    public OpaqueAuth toCredential() {
        XdrWriter w = new XdrWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        encode(w);
        ByteBuf b = w.finish();
        try {
            return new OpaqueAuth(Rpc.AUTH_SYS, ByteBufUtil.getBytes(b));
        } finally {
            b.release();
        }
    }

    @Override
    public int[] gids() {
        return gids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSysParms p
                && p.stamp == stamp
                && p.machineName.equals(machineName)
                && p.uid == uid
                && p.gid == gid
                && java.util.Arrays.equals(p.gids, gids);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(stamp, machineName, uid, gid, java.util.Arrays.hashCode(gids));
    }

    @Override
    public String toString() {
        return "AuthSysParms[" + machineName + " uid=" + uid + " gid=" + gid + " gids="
                + java.util.Arrays.toString(gids) + "]";
    }
}
