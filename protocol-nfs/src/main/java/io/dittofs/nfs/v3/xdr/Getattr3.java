package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** GETATTR (RFC 1813 section 3.3.1): arguments are {@link HandleArgs3}. */
public final class Getattr3 {
    private Getattr3() {}

    /** GETATTR3res: the attributes, or only a status. */
    public sealed interface Res extends XdrEncodable {
        record Ok(Fattr3 attributes) implements Res {}

        record Fail(Nfsstat3 status) implements Res {}

        @Override
        default void encode(XdrWriter out) {
            switch (this) {
                case Ok ok -> {
                    out.writeInt(0);
                    ok.attributes().encode(out);
                }
                case Fail f -> out.writeInt(f.status().code());
            }
        }

        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            return s == Nfsstat3.NFS3_OK ? new Ok(Fattr3.decode(in)) : new Fail(s);
        }
    }
}
