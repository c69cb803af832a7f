package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.SmbProtocolException;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB2 NEGOTIATE Request (MS-SMB2 section 2.2.3).
 *
 * @param securityMode SecurityMode: SMB2_NEGOTIATE_SIGNING_ENABLED / _REQUIRED
 * @param capabilities the client's SMB2_GLOBAL_CAP_* bits
 * @param clientGuid ClientGuid (16 bytes)
 * @param dialects the revisions the client offers, in its order
 * @param contexts negotiate contexts (only when the client offers 3.1.1)
 */
public record Smb2NegotiateRequest(
        int securityMode,
        int capabilities,
        byte[] clientGuid,
        List<Integer> dialects,
        List<NegotiateContext> contexts) {
    public static final int STRUCTURE_SIZE = 36;

    public Smb2NegotiateRequest {
        clientGuid = clientGuid.clone();
        dialects = List.copyOf(dialects);
        contexts = List.copyOf(contexts);
    }

    @Override
    public byte[] clientGuid() {
        return clientGuid.clone();
    }

    public static Smb2NegotiateRequest decode(ByteBuf msg) {
        Wire.structure(msg, STRUCTURE_SIZE); // StructureSize (2 bytes)
        int dialectCount = msg.getUnsignedShortLE(66); // DialectCount (2 bytes)
        int securityMode = msg.getUnsignedShortLE(68); // SecurityMode (2 bytes)
        // Reserved (2 bytes)
        int capabilities = msg.getIntLE(72); // Capabilities (4 bytes)
        byte[] guid = Wire.bytes(msg, 76, 16); // ClientGuid (16 bytes)
        long contextOffset = msg.getUnsignedIntLE(92); // NegotiateContextOffset (4 bytes)
        int contextCount = msg.getUnsignedShortLE(96); // NegotiateContextCount (2 bytes)
        // Reserved2 (2 bytes); with no 3.1.1 these 8 bytes are ClientStartTime
        if (dialectCount == 0) {
            throw SmbProtocolException.invalid("no dialects");
        }
        Wire.need(msg, 100, 2L * dialectCount); // Dialects (variable)
        List<Integer> dialects = new ArrayList<>(dialectCount);
        for (int i = 0; i < dialectCount; i++) {
            dialects.add(msg.getUnsignedShortLE(100 + 2 * i));
        }
        List<NegotiateContext> contexts = dialects.contains(Dialect.SMB_3_1_1.revision()) && contextCount > 0
                ? NegotiateContext.decodeList(msg, contextOffset, contextCount)
                : List.of();
        return new Smb2NegotiateRequest(securityMode, capabilities, guid, dialects, contexts);
    }
}
