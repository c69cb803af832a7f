package io.dittofs.smb.messages;

import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;

/** SMB2 TREE_DISCONNECT Request (MS-SMB2 section 2.2.11): StructureSize 4 and two reserved bytes. */
public record Smb2TreeDisconnectRequest() {
    public static Smb2TreeDisconnectRequest decode(ByteBuf msg) {
        Wire.structure(msg, 4); // StructureSize (2 bytes), Reserved (2 bytes)
        return new Smb2TreeDisconnectRequest();
    }
}
