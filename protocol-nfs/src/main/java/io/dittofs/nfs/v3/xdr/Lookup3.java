package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** LOOKUP (RFC 1813 section 3.3.3): arguments are {@link DirOpArgs3}. */
public final class Lookup3 {
    private Lookup3() {}

    /** LOOKUP3res; the failure arm is {@link PostOpFail3} with the directory's attributes. */
    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            return new Ok(FileHandle3.decode(in), Fattr3.decodePostOp(in), Fattr3.decodePostOp(in));
        }
    }

    /** LOOKUP3resok. */
    public record Ok(
            FileHandle3 object,
            @Nullable Fattr3 objAttributes,
            @Nullable Fattr3 dirAttributes) implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            object.encode(out);
            Fattr3.encodePostOp(out, objAttributes);
            Fattr3.encodePostOp(out, dirAttributes);
        }
    }
}
