package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** CREATE (RFC 1813 section 3.3.8); the result is {@link DirOpRes3}. */
public final class Create3 {
    private Create3() {}

    /** createhow3: one record per createmode3 arm. */
    public sealed interface How {
        record Unchecked(Sattr3 attributes) implements How {}

        record Guarded(Sattr3 attributes) implements How {}

        record Exclusive(long verifier) implements How {}
    }

    // createmode3
    private static final int UNCHECKED = 0;
    private static final int GUARDED = 1;
    private static final int EXCLUSIVE = 2;

    /** CREATE3args. */
    public record Args(DirOpArgs3 where, How how) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            DirOpArgs3 where = DirOpArgs3.decode(in);
            int mode = in.readInt();
            How how =
                    switch (mode) {
                        case UNCHECKED -> new How.Unchecked(Sattr3.decode(in));
                        case GUARDED -> new How.Guarded(Sattr3.decode(in));
                        case EXCLUSIVE -> new How.Exclusive(in.readLong());
                        default -> throw new XdrException("createmode3 " + mode);
                    };
            return new Args(where, how);
        }

        @Override
        public void encode(XdrWriter out) {
            where.encode(out);
            switch (how) {
                case How.Unchecked u -> {
                    out.writeInt(UNCHECKED);
                    u.attributes().encode(out);
                }
                case How.Guarded g -> {
                    out.writeInt(GUARDED);
                    g.attributes().encode(out);
                }
                case How.Exclusive e -> out.writeInt(EXCLUSIVE).writeLong(e.verifier());
            }
        }
    }
}
