package io.dittofs.nfs.v4;

import io.dittofs.nfs.xdr.XdrReader;
import org.jspecify.annotations.Nullable;

/**
 * The parts of OPEN4resok tests look at (RFC 7530 section 16.16.2): the open stateid, the result
 * flags and a read delegation's stateid, when one was granted.
 */
record OpenRes(byte[] stateid, int rflags, byte @Nullable [] delegation) {
    private static final int OPEN_DELEGATE_READ = 1;

    static OpenRes decode(XdrReader in) {
        byte[] sid = in.readFixedOpaque(16);
        in.readBoolean(); // change_info4
        in.readLong();
        in.readLong();
        int rflags = in.readInt();
        int words = in.readArrayLength(8); // attrset
        for (int i = 0; i < words; i++) {
            in.readInt();
        }
        byte[] deleg = null;
        if (in.readInt() == OPEN_DELEGATE_READ) {
            deleg = in.readFixedOpaque(16);
            in.readBoolean(); // recall
            in.readInt(); // nfsace4 permissions
            in.readInt();
            in.readInt();
            in.readString(64);
        }
        return new OpenRes(sid, rflags, deleg);
    }
}
