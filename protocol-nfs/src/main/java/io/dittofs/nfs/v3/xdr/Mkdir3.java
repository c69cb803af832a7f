package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** MKDIR (RFC 1813 section 3.3.9); the result is {@link DirOpRes3}. */
public final class Mkdir3 {
    private Mkdir3() {}

    /** MKDIR3args. */
    public record Args(DirOpArgs3 where, Sattr3 attributes) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(DirOpArgs3.decode(in), Sattr3.decode(in));
        }

        @Override
        public void encode(XdrWriter out) {
            where.encode(out);
            attributes.encode(out);
        }
    }
}
