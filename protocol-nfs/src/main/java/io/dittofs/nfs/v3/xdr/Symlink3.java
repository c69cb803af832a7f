package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** SYMLINK (RFC 1813 section 3.3.10); the result is {@link DirOpRes3}. */
public final class Symlink3 {
    private Symlink3() {}

    /** SYMLINK3args: where, and symlinkdata3 (attributes and target path). */
    public record Args(DirOpArgs3 where, Sattr3 attributes, String target) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(DirOpArgs3.decode(in), Sattr3.decode(in), in.readString(DirOpArgs3.MAX_PATH));
        }

        @Override
        public void encode(XdrWriter out) {
            where.encode(out);
            attributes.encode(out);
            out.writeString(target);
        }
    }
}
