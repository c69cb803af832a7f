package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.DirectoryChange;
import io.dittofs.runtime.fs.WccAttributes;
import org.jspecify.annotations.Nullable;

/**
 * wcc_data (RFC 1813 section 2.6): a file's size and times before an operation (pre_op_attr) and
 * its attributes after (post_op_attr), so a client can tell whether its cache is still good.
 */
public record WccData3(@Nullable WccAttr3 before, @Nullable Fattr3 after) {
    public static final WccData3 NONE = new WccData3(null, null);

    /** wcc_attr. */
    public record WccAttr3(long size, NfsTime3 mtime, NfsTime3 ctime) {
        public static WccAttr3 of(WccAttributes w) {
            return new WccAttr3(w.size(), NfsTime3.ofNanos(w.mtime()), NfsTime3.ofNanos(w.ctime()));
        }
    }

    public static WccData3 of(DirectoryChange change, int fsid) {
        return new WccData3(WccAttr3.of(change.before()), Fattr3.of(change.after(), fsid));
    }

    public static WccData3 decode(XdrReader in) {
        WccAttr3 before = null;
        if (in.readBoolean()) {
            before = new WccAttr3(in.readLong(), NfsTime3.decode(in), NfsTime3.decode(in));
        }
        return new WccData3(before, Fattr3.decodePostOp(in));
    }

    public void encode(XdrWriter out) {
        out.writeBoolean(before != null);
        if (before != null) {
            out.writeLong(before.size());
            before.mtime().encode(out);
            before.ctime().encode(out);
        }
        Fattr3.encodePostOp(out, after);
    }
}
