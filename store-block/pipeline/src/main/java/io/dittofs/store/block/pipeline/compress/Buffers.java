package io.dittofs.store.block.pipeline.compress;

import java.nio.ByteBuffer;

final class Buffers {
    private Buffers() {}

    /** A copy of {@code b}'s remaining bytes; {@code b} is left as it was. */
    static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(b.position(), out);
        return out;
    }
}
