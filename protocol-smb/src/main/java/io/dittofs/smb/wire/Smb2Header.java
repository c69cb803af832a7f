package io.dittofs.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * The 64-byte SMB2 packet header (MS-SMB2 section 2.2.1), in its sync (2.2.1.2) or async
 * (2.2.1.1) form. Both share every field but bytes 32 to 39: {@code Reserved} and {@code TreeId}
 * when sync, {@code AsyncId} when {@link #FLAG_ASYNC_COMMAND} is set.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 ProtocolId (0xFE 'S' 'M' 'B')                 |
 * +-------------------------------+-------------------------------+
 * |       StructureSize (64)      |          CreditCharge         |
 * +-------------------------------+-------------------------------+
 * |             Status / ChannelSequence + Reserved               |
 * +-------------------------------+-------------------------------+
 * |            Command            |   CreditRequest / Response    |
 * +-------------------------------+-------------------------------+
 * |                             Flags                             |
 * +---------------------------------------------------------------+
 * |                          NextCommand                          |
 * +---------------------------------------------------------------+
 * |                       MessageId (8 bytes)                     |
 * +---------------------------------------------------------------+
 * |       Reserved + TreeId (sync)  or  AsyncId (async), 8 bytes  |
 * +---------------------------------------------------------------+
 * |                       SessionId (8 bytes)                     |
 * +---------------------------------------------------------------+
 * |                       Signature (16 bytes)                    |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * @param creditCharge credits this request consumes (0 means 1 before 2.1)
 * @param status in requests ChannelSequence; in responses the NTSTATUS
 * @param command the command code (kept raw: an unknown code still gets a response)
 * @param credits CreditRequest in requests, CreditResponse in responses
 * @param flags SMB2_FLAGS_*
 * @param nextCommand offset of the next header in a compound, 0 for the last
 * @param messageId the message id
 * @param asyncId the async id (async form only)
 * @param treeId the tree id (sync form only)
 * @param sessionId the session id
 * @param signature the 16-byte signature (zeroes when unsigned)
 */
public record Smb2Header(
        int creditCharge,
        int status,
        int command,
        int credits,
        int flags,
        int nextCommand,
        long messageId,
        long asyncId,
        int treeId,
        long sessionId,
        byte[] signature) {

    public static final int SIZE = 64;
    public static final int PROTOCOL_ID = 0xFE534D42; // 0xFE 'S' 'M' 'B', read big-endian
    public static final int TRANSFORM_PROTOCOL_ID = 0xFD534D42;
    public static final int SMB1_PROTOCOL_ID = 0xFF534D42;

    public static final int FLAG_SERVER_TO_REDIR = 0x00000001;
    public static final int FLAG_ASYNC_COMMAND = 0x00000002;
    public static final int FLAG_RELATED_OPERATIONS = 0x00000004;
    public static final int FLAG_SIGNED = 0x00000008;
    public static final int FLAG_PRIORITY_MASK = 0x00000070;
    public static final int FLAG_DFS_OPERATIONS = 0x10000000;
    public static final int FLAG_REPLAY_OPERATION = 0x20000000;

    /** Offset of the Signature field within the header. */
    public static final int SIGNATURE_OFFSET = 48;
    /** Offset of the Status field within the header. */
    public static final int STATUS_OFFSET = 8;
    /** Offset of the Flags field within the header. */
    public static final int FLAGS_OFFSET = 16;
    /** Offset of the NextCommand field within the header. */
    public static final int NEXT_COMMAND_OFFSET = 20;

    public Smb2Header {
        signature = signature.clone();
    }

    /**
     * Decodes the header at index 0 of {@code msg} (one message of a frame); fails with
     * STATUS_INVALID_PARAMETER when it is short or not an SMB2 header.
     */
    public static Smb2Header decode(ByteBuf msg) {
        if (msg.writerIndex() < SIZE) {
            throw SmbProtocolException.invalid("message shorter than the SMB2 header");
        }
        if (msg.getInt(0) != PROTOCOL_ID) {
            throw SmbProtocolException.invalid("not an SMB2 header");
        }
        if (msg.getUnsignedShortLE(4) != SIZE) {
            throw SmbProtocolException.invalid("header StructureSize is not 64");
        }
        int flags = msg.getIntLE(FLAGS_OFFSET);
        boolean async = (flags & FLAG_ASYNC_COMMAND) != 0;
        byte[] sig = new byte[16];
        msg.getBytes(SIGNATURE_OFFSET, sig);
        return new Smb2Header(
                msg.getUnsignedShortLE(6), // CreditCharge (2 bytes)
                msg.getIntLE(8), // Status / ChannelSequence (4 bytes)
                msg.getUnsignedShortLE(12), // Command (2 bytes)
                msg.getUnsignedShortLE(14), // CreditRequest (2 bytes)
                flags, // Flags (4 bytes)
                msg.getIntLE(NEXT_COMMAND_OFFSET), // NextCommand (4 bytes)
                msg.getLongLE(24), // MessageId (8 bytes)
                async ? msg.getLongLE(32) : 0, // AsyncId (8 bytes)
                async ? 0 : msg.getIntLE(36), // Reserved (4 bytes), TreeId (4 bytes)
                msg.getLongLE(40), // SessionId (8 bytes)
                sig); // Signature (16 bytes)
    }

    /** Writes this header at the writer index of {@code out}. */
    public void encode(ByteBuf out) {
        out.writeInt(PROTOCOL_ID); // ProtocolId (4 bytes)
        out.writeShortLE(SIZE); // StructureSize (2 bytes)
        out.writeShortLE(creditCharge); // CreditCharge (2 bytes)
        out.writeIntLE(status); // Status (4 bytes)
        out.writeShortLE(command); // Command (2 bytes)
        out.writeShortLE(credits); // CreditResponse (2 bytes)
        out.writeIntLE(flags); // Flags (4 bytes)
        out.writeIntLE(nextCommand); // NextCommand (4 bytes)
        out.writeLongLE(messageId); // MessageId (8 bytes)
        if ((flags & FLAG_ASYNC_COMMAND) != 0) {
            out.writeLongLE(asyncId); // AsyncId (8 bytes)
        } else {
            out.writeIntLE(0); // Reserved (4 bytes)
            out.writeIntLE(treeId); // TreeId (4 bytes)
        }
        out.writeLongLE(sessionId); // SessionId (8 bytes)
        out.writeBytes(signature); // Signature (16 bytes)
    }

    public boolean isAsync() {
        return (flags & FLAG_ASYNC_COMMAND) != 0;
    }

    public boolean isRelated() {
        return (flags & FLAG_RELATED_OPERATIONS) != 0;
    }

    public boolean isSigned() {
        return (flags & FLAG_SIGNED) != 0;
    }

    public boolean isResponse() {
        return (flags & FLAG_SERVER_TO_REDIR) != 0;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Smb2Header h
                && h.creditCharge == creditCharge
                && h.status == status
                && h.command == command
                && h.credits == credits
                && h.flags == flags
                && h.nextCommand == nextCommand
                && h.messageId == messageId
                && h.asyncId == asyncId
                && h.treeId == treeId
                && h.sessionId == sessionId
                && java.util.Arrays.equals(h.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(messageId) * 31 + command;
    }

    @Override
    public String toString() {
        Smb2Command c = Smb2Command.of(command);
        return "Smb2Header[" + (c == null ? "0x" + Integer.toHexString(command) : c) + " mid=" + messageId
                + " sid=0x" + Long.toHexString(sessionId) + " tid=" + treeId + " flags=0x"
                + Integer.toHexString(flags) + " next=" + nextCommand + "]";
    }
}
