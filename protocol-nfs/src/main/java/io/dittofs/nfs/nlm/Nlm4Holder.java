package io.dittofs.nfs.nlm;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * nlm4_holder (RFC 1813 appendix II): the lock in the way, as TEST reports it. Holders that are
 * not NLM clients (SMB, NFSv4) are reported with svid 0 and an empty owner handle.
 *
 * <pre>
 * struct nlm4_holder { bool exclusive; int32 svid; netobj oh; uint64 l_offset; uint64 l_len; };
 * </pre>
 */
public record Nlm4Holder(boolean exclusive, int svid, byte[] oh, long offset, long length) implements XdrEncodable {
    public Nlm4Holder {
        oh = oh.clone();
    }

    public static Nlm4Holder decode(XdrReader in) {
        return new Nlm4Holder(
                in.readBoolean(), in.readInt(), in.readOpaque(Nlm4.MAXNETOBJ_SZ), in.readLong(), in.readLong());
    }

    @Override
    public void encode(XdrWriter out) {
        out.writeBoolean(exclusive)
                .writeInt(svid)
                .writeOpaque(oh)
                .writeLong(offset)
                .writeLong(length);
    }

    @Override
    public byte[] oh() {
        return oh.clone();
    }
}
