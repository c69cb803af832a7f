package io.dittofs.smb.messages;

import io.dittofs.smb.wire.SmbProtocolException;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB2 NEGOTIATE_CONTEXT (MS-SMB2 section 2.2.3.1): a typed blob of a 3.1.1 NEGOTIATE. Each one
 * starts 8-byte aligned (counted from the header).
 *
 * @param type ContextType
 * @param data the context's Data
 */
public record NegotiateContext(int type, byte[] data) {
    public static final int PREAUTH_INTEGRITY_CAPABILITIES = 0x0001;
    public static final int ENCRYPTION_CAPABILITIES = 0x0002;
    public static final int COMPRESSION_CAPABILITIES = 0x0003;
    public static final int NETNAME_NEGOTIATE_CONTEXT_ID = 0x0005;
    public static final int TRANSPORT_CAPABILITIES = 0x0006;
    public static final int RDMA_TRANSFORM_CAPABILITIES = 0x0007;
    public static final int SIGNING_CAPABILITIES = 0x0008;

    /** The most contexts a request may carry; more is abuse. */
    public static final int MAX_CONTEXTS = 32;

    public NegotiateContext {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Decodes {@code count} contexts starting at {@code offset} of {@code msg}. */
    public static List<NegotiateContext> decodeList(ByteBuf msg, long offset, int count) {
        if (count > MAX_CONTEXTS) {
            throw SmbProtocolException.invalid("too many negotiate contexts: " + count);
        }
        List<NegotiateContext> list = new ArrayList<>(count);
        long at = offset;
        for (int i = 0; i < count; i++) {
            at = (at + 7) & ~7L;
            Wire.need(msg, at, 8);
            int type = msg.getUnsignedShortLE((int) at); // ContextType (2 bytes)
            int length = msg.getUnsignedShortLE((int) at + 2); // DataLength (2 bytes)
            // Reserved (4 bytes)
            byte[] data = Wire.bytes(msg, at + 8, length); // Data (variable)
            list.add(new NegotiateContext(type, data));
            at += 8 + length;
        }
        return list;
    }

    /** Writes this context (without leading padding) at the writer index. */
    public void encode(ByteBuf out) {
        out.writeShortLE(type); // ContextType (2 bytes)
        out.writeShortLE(data.length); // DataLength (2 bytes)
        out.writeIntLE(0); // Reserved (4 bytes)
        out.writeBytes(data); // Data (variable)
    }
}
