package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import org.jspecify.annotations.Nullable;

/** SETATTR (RFC 1813 section 3.3.2); the result is {@link WccRes3}. */
public final class Setattr3 {
    private Setattr3() {}

    /** SETATTR3args: the object, the new attributes, and the sattrguard3 ctime when guarded. */
    public record Args(
            FileHandle3 object, Sattr3 attributes, @Nullable NfsTime3 guard) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            FileHandle3 fh = FileHandle3.decode(in);
            Sattr3 attrs = Sattr3.decode(in);
            NfsTime3 guard = in.readBoolean() ? NfsTime3.decode(in) : null;
            return new Args(fh, attrs, guard);
        }

        @Override
        public void encode(XdrWriter out) {
            object.encode(out);
            attributes.encode(out);
            out.writeBoolean(guard != null);
            if (guard != null) {
                guard.encode(out);
            }
        }
    }
}
