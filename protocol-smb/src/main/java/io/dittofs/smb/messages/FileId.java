package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * SMB2_FILEID (MS-SMB2 section 2.2.14.1): a persistent and a volatile part, 16 bytes.
 *
 * @param persistent Persistent (8 bytes)
 * @param volatileId Volatile (8 bytes)
 */
public record FileId(long persistent, long volatileId) {
    /** The all-ones id that, in a related compound, means "the file of the previous request" (3.3.5.2.7.2). */
    public static final FileId COMPOUNDED = new FileId(-1L, -1L);

    public static final FileId ZERO = new FileId(0, 0);

    public static FileId decode(ByteBuf msg, int offset) {
        Wire.need(msg, offset, 16);
        return new FileId(msg.getLongLE(offset), msg.getLongLE(offset + 8));
    }

    public void encode(ByteBuf out) {
        out.writeLongLE(persistent); // Persistent (8 bytes)
        out.writeLongLE(volatileId); // Volatile (8 bytes)
    }

    public boolean isCompounded() {
        return equals(COMPOUNDED);
    }
}
