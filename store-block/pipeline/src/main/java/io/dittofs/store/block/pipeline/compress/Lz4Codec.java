package io.dittofs.store.block.pipeline.compress;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * lz4 block format through lz4-java (the maintained {@code at.yawk.lz4} fork): the fastest
 * instance for compression, and always the <em>safe</em> decompressor, which never reads or
 * writes outside its buffers whatever the input (objects come back from a remote we do not
 * trust to be intact).
 */
final class Lz4Codec implements Codec {
    static final Lz4Codec INSTANCE = new Lz4Codec();

    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;

    private Lz4Codec() {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = factory.fastCompressor();
        this.decompressor = factory.safeDecompressor();
    }

    @Override
    public Compression algorithm() {
        return Compression.LZ4;
    }

    @Override
    public int maxCompressedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) {
        int n = compressor.compress(src, src.position(), src.remaining(), dst, dst.position(), dst.remaining());
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst, int originalLength) {
        if (dst.remaining() < originalLength) {
            throw new IllegalArgumentException("destination has room for " + dst.remaining() + " < " + originalLength);
        }
        // One byte more room than expected: the safe decoder stops quietly when its output is full,
        // so a corrupt stream that decodes to more bytes would otherwise pass unnoticed.
        boolean room = dst.remaining() > originalLength;
        ByteBuffer out = room ? dst : ByteBuffer.allocate(originalLength + 1);
        int at = room ? dst.position() : 0;
        int n;
        try {
            n = decompressor.decompress(src, src.position(), src.remaining(), out, at, originalLength + 1);
        } catch (LZ4Exception e) {
            throw new CompressionException("corrupt lz4 data", e);
        }
        if (n != originalLength) {
            throw new CompressionException("lz4 data decompressed to " + n + " bytes, expected " + originalLength);
        }
        if (!room) {
            dst.put(dst.position(), out, 0, n);
        }
        dst.position(dst.position() + n);
    }
}
