package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** FSSTAT (RFC 1813 section 3.3.18): arguments are {@link HandleArgs3}. */
public final class Fsstat3 {
    private Fsstat3() {}

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            return new Ok(
                    Fattr3.decodePostOp(in),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readInt());
        }
    }

    /** FSSTAT3resok. */
    public record Ok(
            @Nullable Fattr3 attributes,
            long tbytes,
            long fbytes,
            long abytes,
            long tfiles,
            long ffiles,
            long afiles,
            int invarsec)
            implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, attributes);
            out.writeLong(tbytes).writeLong(fbytes).writeLong(abytes);
            out.writeLong(tfiles).writeLong(ffiles).writeLong(afiles).writeInt(invarsec);
        }
    }
}
