package io.dittofs.nfs.client.v41;

import io.dittofs.nfs.xdr.XdrReader;
import io.netty.buffer.Unpooled;

/**
 * The attributes this client asks for (RFC 8881 section 5.8): type, size, fileid, mode; -1 when
 * the server did not return one.
 */
public record Nfs41Attributes(int type, long size, long fileId, int mode) {
    static final int[] REQUESTED = {Nfs41.FATTR4_TYPE, Nfs41.FATTR4_SIZE, Nfs41.FATTR4_FILEID, Nfs41.FATTR4_MODE};

    /** Decodes an fattr4: a bitmap4, then the attributes set in it, in attribute-number order. */
    static Nfs41Attributes decode(XdrReader in) {
        int words = in.readArrayLength(8);
        int[] bits = new int[Math.max(words, 2)];
        for (int i = 0; i < words; i++) {
            bits[i] = in.readInt();
        }
        XdrReader list = new XdrReader(Unpooled.wrappedBuffer(in.readOpaque(64 * 1024)));
        int type = -1;
        long size = -1;
        long fileId = -1;
        int mode = -1;
        for (int a = 0; a < words * 32; a++) {
            if ((bits[a / 32] & (1 << (a % 32))) == 0) {
                continue;
            }
            switch (a) {
                case Nfs41.FATTR4_TYPE -> type = list.readInt();
                case Nfs41.FATTR4_SIZE -> size = list.readLong();
                case Nfs41.FATTR4_FILEID -> fileId = list.readLong();
                case Nfs41.FATTR4_MODE -> mode = list.readInt();
                // An attribute not asked for: its length is unknown here, so stop.
                default -> {
                    return new Nfs41Attributes(type, size, fileId, mode);
                }
            }
        }
        return new Nfs41Attributes(type, size, fileId, mode);
    }
}
