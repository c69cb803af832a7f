package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** FSINFO (RFC 1813 section 3.3.19): arguments are {@link HandleArgs3}. */
public final class Fsinfo3 {
    private Fsinfo3() {}

    public static final int FSF3_LINK = 0x0001;
    public static final int FSF3_SYMLINK = 0x0002;
    public static final int FSF3_HOMOGENEOUS = 0x0008;
    public static final int FSF3_CANSETTIME = 0x0010;

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            return new Ok(
                    Fattr3.decodePostOp(in),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readLong(),
                    NfsTime3.decode(in),
                    in.readInt());
        }
    }

    /** FSINFO3resok. */
    public record Ok(
            @Nullable Fattr3 attributes,
            int rtmax,
            int rtpref,
            int rtmult,
            int wtmax,
            int wtpref,
            int wtmult,
            int dtpref,
            long maxFileSize,
            NfsTime3 timeDelta,
            int properties)
            implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, attributes);
            out.writeInt(rtmax).writeInt(rtpref).writeInt(rtmult);
            out.writeInt(wtmax).writeInt(wtpref).writeInt(wtmult).writeInt(dtpref);
            out.writeLong(maxFileSize);
            timeDelta.encode(out);
            out.writeInt(properties);
        }
    }
}
