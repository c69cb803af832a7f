package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** ACCESS (RFC 1813 section 3.3.4). */
public final class Access3 {
    private Access3() {}

    /** ACCESS3args: the object and the ACCESS3_* bits asked about. */
    public record Args(FileHandle3 object, int access) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(FileHandle3.decode(in), in.readInt());
        }

        @Override
        public void encode(XdrWriter out) {
            object.encode(out);
            out.writeInt(access);
        }
    }

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            return new Ok(Fattr3.decodePostOp(in), in.readInt());
        }
    }

    /** ACCESS3resok: the bits granted. */
    public record Ok(@Nullable Fattr3 attributes, int access) implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, attributes);
            out.writeInt(access);
        }
    }
}
