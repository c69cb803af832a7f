package io.dittofs.smb.server;

import io.netty.buffer.ByteBuf;

/** Answers the SMB1 multi-protocol NEGOTIATE a client may open with (MS-SMB2 section 3.3.5.3). */
public interface Smb1Negotiate {
    void process(Connection conn, ByteBuf frame);
}
