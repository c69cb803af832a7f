package io.dittofs.nfs.client.v41;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.util.Arrays;

/** stateid4 (RFC 8881 section 3.3.12): a sequence number and 12 opaque bytes. */
public record Stateid(int seqid, byte[] other) {
    public static final int OTHER_SIZE = 12;

    public Stateid {
        if (other.length != OTHER_SIZE) {
            throw new IllegalArgumentException("stateid other is 12 bytes");
        }
        other = other.clone();
    }

    static Stateid decode(XdrReader in) {
        return new Stateid(in.readInt(), in.readFixedOpaque(OTHER_SIZE));
    }

    void encode(XdrWriter out) {
        out.writeInt(seqid).writeFixedOpaque(other);
    }

    @Override
    public byte[] other() {
        return other.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stateid s && s.seqid == seqid && Arrays.equals(s.other, other);
    }

    @Override
    public int hashCode() {
        return seqid * 31 + Arrays.hashCode(other);
    }

    @Override
    public String toString() {
        return "Stateid[" + seqid + ", " + java.util.HexFormat.of().formatHex(other) + "]";
    }
}
