package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/** SMB2 ECHO Request (MS-SMB2 section 2.2.28): StructureSize 4 and two reserved bytes. */
public record Smb2EchoRequest() {
    public static Smb2EchoRequest decode(ByteBuf msg) {
        Wire.structure(msg, 4); // StructureSize (2 bytes), Reserved (2 bytes)
        return new Smb2EchoRequest();
    }
}
