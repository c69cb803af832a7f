package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Smb2Header;
import io.dittofs.smb.wire.SmbProtocolException;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The bodies of SMB2 OPLOCK_BREAK (MS-SMB2 2.2.23 to 2.2.26): the server's oplock and lease
 * break notifications, the client's acknowledgments, and the server's responses to them. One
 * command carries all four; StructureSize tells them apart.
 */
public final class OplockBreakMessages {
    /** StructureSize of the oplock break notification, acknowledgment and response. */
    public static final int OPLOCK_SIZE = 24;
    /** StructureSize of the lease break acknowledgment and response. */
    public static final int LEASE_ACK_SIZE = 36;
    /** Flags of a lease break notification: the client must acknowledge (2.2.23.2). */
    public static final int ACK_REQUIRED = 0x1;

    private OplockBreakMessages() {}

    /** Oplock Break Notification or Response (2.2.23.1, 2.2.25): the new level and the open. */
    public record Oplock(int level, FileId fileId) implements Smb2Response {
        @Override
        public void encode(ByteBuf out, int headerStart) {
            out.writeShortLE(OPLOCK_SIZE); // StructureSize (2 bytes)
            out.writeByte(level); // OplockLevel (1 byte)
            out.writeByte(0); // Reserved (1 byte)
            out.writeIntLE(0); // Reserved2 (4 bytes)
            fileId.encode(out); // FileId (16 bytes)
        }
    }

    /** Lease Break Notification (2.2.23.2). */
    public record LeaseBreak(int newEpoch, int flags, byte[] key, int current, int next) implements Smb2Response {
        public LeaseBreak {
            key = key.clone();
        }

        @Override
        public void encode(ByteBuf out, int headerStart) {
            out.writeShortLE(44); // StructureSize (2 bytes)
            out.writeShortLE(newEpoch); // NewEpoch (2 bytes)
            out.writeIntLE(flags); // Flags (4 bytes)
            out.writeBytes(key); // LeaseKey (16 bytes)
            out.writeIntLE(current); // CurrentLeaseState (4 bytes)
            out.writeIntLE(next); // NewLeaseState (4 bytes)
            out.writeIntLE(0); // BreakReason (4 bytes)
            out.writeIntLE(0); // AccessMaskHint (4 bytes)
            out.writeIntLE(0); // ShareMaskHint (4 bytes)
        }
    }

    /** Lease Break Acknowledgment or Response (2.2.24.2, 2.2.26.2). */
    public record LeaseAck(byte[] key, int state) implements Smb2Response {
        public LeaseAck {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public void encode(ByteBuf out, int headerStart) {
            out.writeShortLE(LEASE_ACK_SIZE); // StructureSize (2 bytes)
            out.writeShortLE(0); // Reserved (2 bytes)
            out.writeIntLE(0); // Flags (4 bytes)
            out.writeBytes(key); // LeaseKey (16 bytes)
            out.writeIntLE(state); // LeaseState (4 bytes)
            out.writeLongLE(0); // LeaseDuration (8 bytes)
        }
    }

    /** The StructureSize of an acknowledgment, checked to be one of the two kinds. */
    public static int kind(ByteBuf msg) {
        Wire.need(msg, Smb2Header.SIZE, 2);
        int size = msg.getUnsignedShortLE(Smb2Header.SIZE);
        if (size == OPLOCK_SIZE || size == LEASE_ACK_SIZE) {
            Wire.structure(msg, size);
            return size;
        }
        throw SmbProtocolException.invalid("OPLOCK_BREAK StructureSize " + size);
    }

    public static Oplock decodeOplockAck(ByteBuf msg) {
        int level = msg.getUnsignedByte(Smb2Header.SIZE + 2); // OplockLevel (1 byte)
        return new Oplock(level, FileId.decode(msg, Smb2Header.SIZE + 8)); // after Reserved, Reserved2
    }

    public static LeaseAck decodeLeaseAck(ByteBuf msg) {
        byte[] key = new byte[16];
        msg.getBytes(Smb2Header.SIZE + 8, key); // after StructureSize, Reserved, Flags
        return new LeaseAck(key, msg.getIntLE(Smb2Header.SIZE + 24)); // LeaseState
    }
}
