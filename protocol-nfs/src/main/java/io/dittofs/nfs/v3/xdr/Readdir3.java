package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** READDIR (RFC 1813 section 3.3.16). */
public final class Readdir3 {
    private Readdir3() {}

    /** READDIR3args: {@code count} bounds the whole READDIR3resok in bytes. */
    public record Args(FileHandle3 dir, long cookie, long cookieVerifier, int count) implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(FileHandle3.decode(in), in.readLong(), in.readLong(), in.readInt());
        }

        @Override
        public void encode(XdrWriter out) {
            dir.encode(out);
            out.writeLong(cookie).writeLong(cookieVerifier).writeInt(count);
        }
    }

    /** entry3. */
    public record Entry(long fileId, String name, long cookie) {
        /** Bytes this entry takes in the reply, with its value_follows. */
        public int size() {
            return 4 + 8 + xdrStringSize(name) + 8;
        }
    }

    /** The bytes of an XDR string: length, bytes, padding. */
    public static int xdrStringSize(String s) {
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        return 4 + ((n + 3) & ~3);
    }

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
        /** Decodes a result, accepting at most {@code maxEntries} entries. */
        static Res decode(XdrReader in, int maxEntries) {
            Nfsstat3 s = Nfsstat3.of(in.readInt());
            if (s != Nfsstat3.NFS3_OK) {
                return PostOpFail3.decode(s, in);
            }
            Fattr3 dir = Fattr3.decodePostOp(in);
            long verf = in.readLong();
            List<Entry> entries = new ArrayList<>();
            while (in.readBoolean()) {
                if (entries.size() == maxEntries) {
                    throw new io.dittofs.nfs.xdr.XdrException("more than " + maxEntries + " entries");
                }
                entries.add(new Entry(in.readLong(), in.readString(DirOpArgs3.MAX_WIRE_NAME), in.readLong()));
            }
            return new Ok(dir, verf, entries, in.readBoolean());
        }
    }

    /** READDIR3resok. */
    public record Ok(@Nullable Fattr3 dirAttributes, long cookieVerifier, List<Entry> entries, boolean eof)
            implements Res {
        public Ok {
            entries = List.copyOf(entries);
        }

        /** Bytes of the reply before the first entry: status, post_op_attr, cookieverf. */
        public static final int HEADER_SIZE = 4 + Fattr3.POST_OP_SIZE + 8;

        /** Bytes after the last entry: the final value_follows and eof. */
        public static final int TRAILER_SIZE = 8;

        @Override
        public void encode(XdrWriter out) {
            out.writeInt(0);
            Fattr3.encodePostOp(out, dirAttributes);
            out.writeLong(cookieVerifier);
            for (Entry e : entries) {
                out.writeBoolean(true)
                        .writeLong(e.fileId())
                        .writeString(e.name())
                        .writeLong(e.cookie());
            }
            out.writeBoolean(false).writeBoolean(eof);
        }
    }
}
