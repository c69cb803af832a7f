package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** READLINK (RFC 1813 section 3.3.5): arguments are {@link HandleArgs3}. */
public final class Readlink3 {
    private Readlink3() {}

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            return new Ok(Fattr3.decodePostOp(in), in.readString(DirOpArgs3.MAX_PATH));
        }
    }

    /** READLINK3resok: the symlink's attributes and target. */
    public record Ok(@Nullable Fattr3 attributes, String target) implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, attributes);
            out.writeString(target);
        }
    }
}
