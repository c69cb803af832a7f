package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** PATHCONF (RFC 1813 section 3.3.20): arguments are {@link HandleArgs3}. */
public final class Pathconf3 {
    private Pathconf3() {}

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
                    in.readBoolean(),
                    in.readBoolean(),
                    in.readBoolean(),
                    in.readBoolean());
        }
    }

    /** PATHCONF3resok. */
    public record Ok(
            @Nullable Fattr3 attributes,
            int linkMax,
            int nameMax,
            boolean noTrunc,
            boolean chownRestricted,
            boolean caseInsensitive,
            boolean casePreserving)
            implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, attributes);
            out.writeInt(linkMax).writeInt(nameMax);
            out.writeBoolean(noTrunc).writeBoolean(chownRestricted);
            out.writeBoolean(caseInsensitive).writeBoolean(casePreserving);
        }
    }
}
