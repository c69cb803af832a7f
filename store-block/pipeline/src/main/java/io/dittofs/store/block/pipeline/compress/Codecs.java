package io.dittofs.store.block.pipeline.compress;

/** The codecs. */
public final class Codecs {
    /** zstd's own default level. */
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    private Codecs() {}

    public static Codec none() {
        return NoneCodec.INSTANCE;
    }

    public static Codec lz4() {
        return Lz4Codec.INSTANCE;
    }

    /** zstd at {@code level}: -7..-1 (fastest) or 1..22 (smallest). */
    public static Codec zstd(int level) {
        return new ZstdCodec(level);
    }

    /** A codec for {@code algorithm} (zstd at its default level); any zstd level decompresses any zstd data. */
    public static Codec of(Compression algorithm) {
        return switch (algorithm) {
            case NONE -> none();
            case ZSTD -> zstd(DEFAULT_ZSTD_LEVEL);
            case LZ4 -> lz4();
        };
    }
}
