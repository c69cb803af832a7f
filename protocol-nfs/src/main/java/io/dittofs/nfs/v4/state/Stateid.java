package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * stateid4 (RFC 7530 section 9.1.4): a seqid and 12 opaque bytes, ours laid out as
 *
 * <pre>
 * +--------------+----------------------+
 * | server epoch | state id             |
 * | 4 bytes      | 8 bytes              |
 * +--------------+----------------------+
 * </pre>
 *
 * The epoch is the server's boot: a stateid of an earlier boot is stale, not unknown.
 */
public record Stateid(int seqid, int epoch, long id) {
    /** The anonymous stateid: all zeros (section 9.1.4.3). */
    public static final Stateid ANONYMOUS = new Stateid(0, 0, 0);
    /** The READ bypass stateid: all ones. */
    public static final Stateid BYPASS = new Stateid(-1, -1, -1);
    /** RFC 8881 section 8.2.3: seqid 1, other zero means "the current stateid of this COMPOUND". */
    public static final Stateid CURRENT = new Stateid(1, 0, 0);
    /** RFC 8881 section 8.2.3: the invalid stateid, returned by CLOSE in minor version 1. */
    public static final Stateid INVALID = new Stateid(-1, 0, 0);

    public static Stateid decode(XdrReader in) {
        int seqid = in.readInt();
        int epoch = in.readInt();
        long id = in.readLong();
        return new Stateid(seqid, epoch, id);
    }

    public void encode(XdrWriter out) {
        out.writeInt(seqid).writeInt(epoch).writeLong(id);
    }

    /** Whether this is one of the special stateids whose "other" is all zeros or all ones. */
    public boolean isSpecial() {
        return (epoch == 0 && id == 0) || (epoch == -1 && id == -1);
    }

    public Stateid withSeqid(int s) {
        return new Stateid(s, epoch, id);
    }

    /** The next seqid: wraps from 0xFFFFFFFF to 1, never 0 (RFC 8881 section 8.2.2). */
    public Stateid next() {
        int s = seqid + 1;
        return withSeqid(s == 0 ? 1 : s);
    }
}
