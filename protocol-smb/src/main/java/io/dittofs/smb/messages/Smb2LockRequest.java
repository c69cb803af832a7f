package io.dittofs.smb.messages;

import io.dittofs.smb.wire.SmbProtocolException;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB2 LOCK Request (MS-SMB2 section 2.2.26).
 *
 * @param fileId the handle
 * @param locks the SMB2_LOCK_ELEMENTs (2.2.26.1)
 */
public record Smb2LockRequest(FileId fileId, List<Element> locks) {
    public static final int SHARED_LOCK = 0x01;
    public static final int EXCLUSIVE_LOCK = 0x02;
    public static final int UNLOCK = 0x04;
    public static final int FAIL_IMMEDIATELY = 0x10;
    /** More elements than this in one request is abuse. */
    public static final int MAX_LOCKS = 64;

    /**
     * SMB2_LOCK_ELEMENT.
     *
     * @param offset Offset (8 bytes), unsigned
     * @param length Length (8 bytes), unsigned
     * @param flags Flags (4 bytes)
     */
    public record Element(long offset, long length, int flags) {}

    public Smb2LockRequest {
        locks = List.copyOf(locks);
    }

    public static Smb2LockRequest decode(ByteBuf msg) {
        Wire.structure(msg, 48); // StructureSize (2 bytes)
        int count = msg.getUnsignedShortLE(66); // LockCount (2 bytes)
        // LockSequenceNumber / LockSequenceIndex (4 bytes): only for resilient handles
        FileId fileId = FileId.decode(msg, 72); // FileId (16 bytes)
        if (count == 0 || count > MAX_LOCKS) {
            throw SmbProtocolException.invalid("LockCount " + count);
        }
        Wire.need(msg, 88, 24L * count); // Locks (variable)
        List<Element> locks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = 88 + 24 * i;
            locks.add(new Element(
                    msg.getLongLE(at), // Offset (8 bytes)
                    msg.getLongLE(at + 8), // Length (8 bytes)
                    msg.getIntLE(at + 16))); // Flags (4 bytes), Reserved (4 bytes)
        }
        return new Smb2LockRequest(fileId, locks);
    }
}
