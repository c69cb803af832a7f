package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** READDIRPLUS (RFC 1813 section 3.3.17). */
public final class Readdirplus3 {
    private Readdirplus3() {}

    /**
     * READDIRPLUS3args: {@code dirCount} bounds the directory information (file ids, names,
     * cookies), {@code maxCount} the whole READDIRPLUS3resok, in bytes.
     */
    public record Args(FileHandle3 dir, long cookie, long cookieVerifier, int dirCount, int maxCount)
            implements XdrEncodable {
        public static Args decode(XdrReader in) {
            return new Args(FileHandle3.decode(in), in.readLong(), in.readLong(), in.readInt(), in.readInt());
        }

        @Override
        public void encode(XdrWriter out) {
            dir.encode(out);
            out.writeLong(cookie).writeLong(cookieVerifier).writeInt(dirCount).writeInt(maxCount);
        }
    }

    /** entryplus3. */
    public record Entry(
            long fileId,
            String name,
            long cookie,
            @Nullable Fattr3 attributes,
            @Nullable FileHandle3 handle) {
        /** Bytes of the directory information this entry takes (what dircount counts). */
        public int dirSize() {
            return 8 + Readdir3.xdrStringSize(name) + 8;
        }

        /** Bytes this entry takes in the reply, with its value_follows. */
        public int size() {
            int fh = handle == null ? 4 : 4 + 4 + ((handle.bytes().length + 3) & ~3);
            return 4 + dirSize() + (attributes == null ? 4 : Fattr3.POST_OP_SIZE) + fh;
        }
    }

    public sealed interface Res extends XdrEncodable permits Ok, PostOpFail3 {
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
                    throw new XdrException("more than " + maxEntries + " entries");
                }
                long fileId = in.readLong();
                String name = in.readString(DirOpArgs3.MAX_WIRE_NAME);
                long cookie = in.readLong();
                Fattr3 attrs = Fattr3.decodePostOp(in);
                FileHandle3 fh = in.readBoolean() ? FileHandle3.decode(in) : null;
                entries.add(new Entry(fileId, name, cookie, attrs, fh));
            }
            return new Ok(dir, verf, entries, in.readBoolean());
        }
    }

    /** READDIRPLUS3resok. */
    public record Ok(@Nullable Fattr3 dirAttributes, long cookieVerifier, List<Entry> entries, boolean eof)
            implements Res {
        public Ok {
            entries = List.copyOf(entries);
        }

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
                Fattr3.encodePostOp(out, e.attributes());
                out.writeBoolean(e.handle() != null);
                if (e.handle() != null) {
                    e.handle().encode(out);
                }
            }
            out.writeBoolean(false).writeBoolean(eof);
        }
    }
}
