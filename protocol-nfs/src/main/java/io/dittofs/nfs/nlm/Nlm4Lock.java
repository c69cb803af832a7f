package io.dittofs.nfs.nlm;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * nlm4_lock (RFC 1813 appendix II): who (caller name, owner handle, svid, usually the process id)
 * locks which bytes of which file (an NFSv3 handle). A length of 0 means to the end of the file.
 *
 * <pre>
 * struct nlm4_lock { string caller_name&lt;LM_MAXSTRLEN&gt;; netobj fh; netobj oh; int32 svid; uint64 l_offset; uint64 l_len; };
 * </pre>
 */
public record Nlm4Lock(String callerName, byte[] fh, byte[] oh, int svid, long offset, long length)
        implements XdrEncodable {

    public Nlm4Lock {
        fh = fh.clone();
        oh = oh.clone();
    }

    public static Nlm4Lock decode(XdrReader in) {
        return new Nlm4Lock(
                in.readString(Nlm4.LM_MAXSTRLEN),
                in.readOpaque(Nlm4.MAXNETOBJ_SZ),
                in.readOpaque(Nlm4.MAXNETOBJ_SZ),
                in.readInt(),
                in.readLong(),
                in.readLong());
    }

    @Override
    public void encode(XdrWriter out) {
        out.writeString(callerName).writeOpaque(fh).writeOpaque(oh).writeInt(svid);
        out.writeLong(offset).writeLong(length);
    }

    /** The lock owner in the runtime's terms: protocol, host, svid and owner handle. */
    public String ownerId() {
        return ownerPrefix(callerName) + svid + ":" + HexFormat.of().formatHex(oh);
    }

    /** What every owner id of host {@code callerName} starts with. */
    public static String ownerPrefix(String callerName) {
        return "nlm:" + callerName + ":";
    }

    @Override
    public byte[] fh() {
        return fh.clone();
    }

    @Override
    public byte[] oh() {
        return oh.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nlm4Lock l
                && l.callerName.equals(callerName)
                && Arrays.equals(l.fh, fh)
                && Arrays.equals(l.oh, oh)
                && l.svid == svid
                && l.offset == offset
                && l.length == length;
    }

    @Override
    public int hashCode() {
        return callerName.hashCode() * 31 + Arrays.hashCode(fh) * 17 + svid;
    }

    @Override
    public String toString() {
        return "Nlm4Lock[" + ownerId() + " " + offset + "+" + length + "]";
    }
}
