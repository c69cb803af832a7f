package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/** A response body: written after its header, with offsets counted from the header's start. */
public interface Smb2Response {
    /**
     * Writes the body at the writer index of {@code out}; {@code headerStart} is the index of this
     * message's header in {@code out} (offsets in the body are relative to it).
     */
    void encode(ByteBuf out, int headerStart);
}
