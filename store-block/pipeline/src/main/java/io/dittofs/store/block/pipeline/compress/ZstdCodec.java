package io.dittofs.store.block.pipeline.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;

/**
 * zstd through zstd-jni (the reference C library). Level 1 to 22, or negative for the fast
 * levels; 3 is zstd's default and a good one for chunks.
 */
final class ZstdCodec implements Codec {
    private final int level;

    ZstdCodec(int level) {
        if (level < -7 || level > 22 || level == 0) {
            throw new IllegalArgumentException("zstd level must be -7..-1 or 1..22: " + level);
        }
        this.level = level;
    }

    int level() {
        return level;
    }

    @Override
    public Compression algorithm() {
        return Compression.ZSTD;
    }

    @Override
    public int maxCompressedLength(int length) {
        return Math.toIntExact(Zstd.compressBound(length));
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) {
        try {
            return compressRaw(src, dst);
        } catch (ZstdException e) {
            throw new IllegalStateException("zstd compression failed: " + e.getMessage(), e);
        }
    }

    private int compressRaw(ByteBuffer src, ByteBuffer dst) {
        long n;
        if (src.hasArray() && dst.hasArray()) {
            n = Zstd.compressByteArray(
                    dst.array(),
                    dst.arrayOffset() + dst.position(),
                    dst.remaining(),
                    src.array(),
                    src.arrayOffset() + src.position(),
                    src.remaining(),
                    level);
        } else if (src.isDirect() && dst.isDirect()) {
            n = Zstd.compressDirectByteBuffer(
                    dst, dst.position(), dst.remaining(), src, src.position(), src.remaining(), level);
        } else {
            byte[] in = Buffers.toArray(src);
            byte[] out = new byte[maxCompressedLength(in.length)];
            n = Zstd.compressByteArray(out, 0, out.length, in, 0, in.length, level);
            if (!Zstd.isError(n)) {
                dst.put(dst.position(), out, 0, (int) n);
            }
        }
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
        }
        dst.position(dst.position() + (int) n);
        return (int) n;
    }

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst, int originalLength) {
        if (dst.remaining() < originalLength) {
            throw new IllegalArgumentException("destination has room for " + dst.remaining() + " < " + originalLength);
        }
        long n;
        try {
            n = decompressRaw(src, dst, originalLength);
        } catch (ZstdException e) {
            throw new CompressionException("corrupt zstd data: " + e.getMessage(), e);
        }
        if (Zstd.isError(n)) {
            throw new CompressionException("corrupt zstd data: " + Zstd.getErrorName(n));
        }
        if (n != originalLength) {
            throw new CompressionException("zstd data decompressed to " + n + " bytes, expected " + originalLength);
        }
        dst.position(dst.position() + originalLength);
    }

    private static long decompressRaw(ByteBuffer src, ByteBuffer dst, int originalLength) {
        long n;
        if (src.hasArray() && dst.hasArray()) {
            n = Zstd.decompressByteArray(
                    dst.array(),
                    dst.arrayOffset() + dst.position(),
                    originalLength,
                    src.array(),
                    src.arrayOffset() + src.position(),
                    src.remaining());
        } else if (src.isDirect() && dst.isDirect()) {
            n = Zstd.decompressDirectByteBuffer(
                    dst, dst.position(), originalLength, src, src.position(), src.remaining());
        } else {
            byte[] in = Buffers.toArray(src);
            byte[] out = new byte[originalLength];
            n = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
            if (!Zstd.isError(n)) {
                dst.put(dst.position(), out, 0, (int) n);
            }
        }
        return n;
    }
}
