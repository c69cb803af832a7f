package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** nfstime3 (RFC 1813 section 2.6): unsigned seconds and nanoseconds since the epoch. */
public record NfsTime3(long seconds, int nseconds) {
    public static NfsTime3 ofNanos(long nanos) {
        return new NfsTime3(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    public long toNanos() {
        return seconds * 1_000_000_000L + nseconds;
    }

    public static NfsTime3 decode(XdrReader in) {
        return new NfsTime3(in.readUnsignedInt(), in.readInt());
    }

    public void encode(XdrWriter out) {
        out.writeUnsignedInt(seconds).writeInt(nseconds);
    }
}
