package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.DirectoryChange;

/**
 * change_info4 (RFC 7530 section 3.2). The runtime reports a directory's change counter only
 * after an operation, so the reply is never "atomic": clients then revalidate the directory
 * instead of trusting {@code before}.
 */
record ChangeInfo(long before, long after) {

    static ChangeInfo of(DirectoryChange c) {
        long after = c.after().change();
        return new ChangeInfo(after - 1, after);
    }

    void encode(XdrWriter out) {
        out.writeBoolean(false).writeLong(before).writeLong(after);
    }
}
