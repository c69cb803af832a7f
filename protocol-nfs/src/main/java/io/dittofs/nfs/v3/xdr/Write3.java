package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.Stability;
import io.netty.buffer.ByteBuf;

/** WRITE (RFC 1813 section 3.3.7). */
public final class Write3 {
    private Write3() {}

    // stable_how
    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    public static Stability stability(int stableHow) {
        return switch (stableHow) {
            case UNSTABLE -> Stability.UNSTABLE;
            case DATA_SYNC -> Stability.DATA_SYNC;
            case FILE_SYNC -> Stability.FILE_SYNC;
            default -> throw new XdrException("stable_how " + stableHow);
        };
    }

    public static int stableHow(Stability s) {
        return switch (s) {
            case UNSTABLE -> UNSTABLE;
            case DATA_SYNC -> DATA_SYNC;
            case FILE_SYNC -> FILE_SYNC;
        };
    }

    /**
     * WRITE3args. {@code data} is a slice of the request record, not retained: valid while the
     * request is being served.
     */
    public record Args(FileHandle3 file, long offset, int count, Stability stable, ByteBuf data)
            implements XdrEncodable {
        /** Decodes, accepting at most {@code maxData} bytes of data. */
        public static Args decode(XdrReader in, int maxData) {
            FileHandle3 fh = FileHandle3.decode(in);
            long offset = in.readLong();
            int count = in.readInt();
            Stability stable = stability(in.readInt());
            ByteBuf data = in.readOpaqueSlice(maxData);
            return new Args(fh, offset, count, stable, data);
        }

        @Override
        public void encode(XdrWriter out) {
            file.encode(out);
            out.writeLong(offset).writeInt(count).writeInt(stableHow(stable));
            out.writeOpaque(data.retainedSlice());
        }
    }

    public sealed interface Res extends XdrEncodable {
        /** WRITE3resok: bytes written, how durable, and the server's write verifier. */
        record Ok(WccData3 wcc, int count, Stability committed, long verifier) implements Res {}

        record Fail(Nfsstat3 status, WccData3 wcc) implements Res {}

        @Override
        default void encode(XdrWriter out) {
            switch (this) {
                case Ok ok -> {
                    out.writeInt(0);
                    ok.wcc().encode(out);
                    out.writeInt(ok.count()).writeInt(stableHow(ok.committed())).writeLong(ok.verifier());
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
            if (s != Nfsstat3.NFS3_OK) {
                return new Fail(s, wcc);
            }
            return new Ok(wcc, in.readInt(), stability(in.readInt()), in.readLong());
        }
    }
}
