package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** COMMIT (RFC 1813 section 3.3.21). */
public final class Commit3 {
    private Commit3() {}

    /** COMMIT3args: a count of 0 means to the end of the file. */
    public record Args(FileHandle3 file, long offset, int count) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(FileHandle3.decode(in), in.readLong(), in.readInt());
        }

        @Override
        public void encode(XdrWriter out) {
            file.encode(out);
            out.writeLong(offset).writeInt(count);
        }
    }

    public sealed interface Res extends XdrEncodable {
        /** COMMIT3resok: the file's wcc_data and the write verifier. */
        record Ok(WccData3 wcc, long verifier) implements Res {}

        record Fail(Nfsstat3 status, WccData3 wcc) implements Res {}

        @Override
        default void encode(XdrWriter out) {
            switch (this) {
                case Ok ok -> {
                    out.writeInt(0);
                    ok.wcc().encode(out);
                    out.writeLong(ok.verifier());
                }
                case Fail f -> {
                    out.writeInt(f.status().code());
                    f.wcc().encode(out);
                }
            }
        }

        static Res decode(XdrReader in) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            WccData3 wcc = WccData3.decode(in);
            return s == Nfsstat3.NFS3_OK ? new Ok(wcc, in.readLong()) : new Fail(s, wcc);
        }
    }
}
