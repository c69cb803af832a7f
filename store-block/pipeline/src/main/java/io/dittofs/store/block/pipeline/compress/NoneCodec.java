package io.dittofs.store.block.pipeline.compress;

import java.nio.ByteBuffer;

/** The identity codec: bytes stored as they are. */
final class NoneCodec implements Codec {
    static final NoneCodec INSTANCE = new NoneCodec();

    private NoneCodec() {}

    @Override
    public Compression algorithm() {
        return Compression.NONE;
    }

    @Override
    public int maxCompressedLength(int length) {
        return length;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) {
        int n = src.remaining();
        dst.put(src.duplicate());
        return n;
    }

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst, int originalLength) {
        if (src.remaining() != originalLength) {
            throw new CompressionException(
                    "stored length " + src.remaining() + " differs from original length " + originalLength);
        }
        dst.put(src.duplicate());
    }
}
