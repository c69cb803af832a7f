package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/** READ (RFC 1813 section 3.3.6). */
public final class Read3 {
    private Read3() {}

    /** READ3args: {@code count} is what the client wants, never what the server allocates. */
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

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        /** Decodes a result; the data is copied out of {@code in}, reads of at most {@code maxData}. */
        static Res decode(XdrReader in, int maxData) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            Fattr3 attrs = Fattr3.decodePostOp(in);
            int count = in.readInt();
            boolean eof = in.readBoolean();
            return new Ok(attrs, count, eof, Unpooled.wrappedBuffer(in.readOpaque(maxData)));
        }
    }

    /**
     * READ3resok. {@code data} is owned by this result until encoded (the writer takes it and
     * sends it without copying).
     */
    public record Ok(@Nullable Fattr3 attributes, int count, boolean eof, ByteBuf data) implements Res {
        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, attributes);
            out.writeInt(count).writeBoolean(eof);
            out.writeOpaque(data);
        }
    }
}
