package io.dittofs.nfs.client.v41;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * COMPOUND4args (RFC 8881 section 16.2): a tag, the minor version and operations, each an
 * {@code nfs_opnum4} followed by its arguments. Built by the client, one method per operation.
 */
final class Compound implements XdrEncodable {
    private final List<Integer> ops = new ArrayList<>();
    private final List<Consumer<XdrWriter>> args = new ArrayList<>();

    Compound op(int opnum, Consumer<XdrWriter> arguments) {
        ops.add(opnum);
        args.add(arguments);
        return this;
    }

    Compound op(int opnum) {
        return op(opnum, out -> {});
    }

    Compound putfh(byte[] fh) {
        return op(Nfs41.OP_PUTFH, out -> out.writeOpaque(fh));
    }

    Compound lookup(String name) {
        return op(Nfs41.OP_LOOKUP, out -> out.writeString(name));
    }

    Compound getfh() {
        return op(Nfs41.OP_GETFH);
    }

    Compound getattr(int... attrs) {
        return op(Nfs41.OP_GETATTR, out -> writeBitmap(out, attrs));
    }

    int size() {
        return ops.size();
    }

    /** bitmap4: a counted array of 32-bit words, bit n of the set is bit (n mod 32) of word n/32. */
    static void writeBitmap(XdrWriter out, int... attrs) {
        int words = 0;
        for (int a : attrs) {
            words = Math.max(words, a / 32 + 1);
        }
        int[] bits = new int[words];
        for (int a : attrs) {
            bits[a / 32] |= 1 << (a % 32);
        }
        out.writeInt(words);
        for (int w : bits) {
            out.writeInt(w);
        }
    }

    /** Appends {@code rest}'s operations after these. */
    Compound then(Compound rest) {
        ops.addAll(rest.ops);
        args.addAll(rest.args);
        return this;
    }

    @Override
    public void encode(XdrWriter out) {
        out.writeOpaque("dfs".getBytes(StandardCharsets.UTF_8)); // tag
        out.writeInt(Nfs41.MINOR_VERSION);
        out.writeInt(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            out.writeInt(ops.get(i));
            args.get(i).accept(out);
        }
    }

    /** COMPOUND4res, read one operation result at a time, in the order they were sent. */
    static final class Results {
        private final XdrReader in;
        private final int count;
        private int read;

        Results(XdrReader in) {
            this.in = in;
            in.readInt(); // the compound status: the status of the last operation evaluated
            in.readOpaque(Nfs41.NFS4_OPAQUE_LIMIT); // tag
            this.count = in.readArrayLength(1024);
        }

        /** Reads the next result's header; returns its reader positioned at the resok, or throws. */
        XdrReader next(int opnum) {
            if (read >= count) {
                throw new IllegalStateException("the server returned " + count + " results, no result for op " + opnum);
            }
            read++;
            int got = in.readInt();
            if (got != opnum) {
                throw new IllegalStateException("result for op " + got + " where op " + opnum + " was expected");
            }
            int status = in.readInt();
            if (status != Nfs41.NFS4_OK) {
                throw new Nfs41Exception(opnum, status);
            }
            return in;
        }

        /** Skips a result that has no resok data worth keeping (PUTFH, LOOKUP, SAVEFH...). */
        Results skip(int opnum) {
            next(opnum);
            return this;
        }

        byte[] getfh() {
            return next(Nfs41.OP_GETFH).readOpaque(Nfs41.NFS4_FHSIZE);
        }
    }
}
