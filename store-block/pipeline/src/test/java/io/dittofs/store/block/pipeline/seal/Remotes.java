package io.dittofs.store.block.pipeline.seal;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.s3.S3BlockStore;
import io.dittofs.store.block.s3.S3Credentials;
import io.dittofs.store.block.s3.S3Settings;
import io.dittofs.store.block.testkit.S3ProxyServer;
import java.nio.file.Path;

/** The real remotes the sealing store is tested over, and sealing stores on them. */
final class Remotes {
    private Remotes() {}

    static BlockStore filesystem(Path dir) {
        return new FilesystemBlockStore(dir);
    }

    /** An S3 store in {@code bucket} (created when missing) under {@code prefix}. */
    static BlockStore s3(S3ProxyServer server, String bucket, String prefix) {
        return new S3BlockStore(S3Settings.builder(server.endpoint(), server.region(), bucket)
                .credentials(new S3Credentials(server.accessKey(), server.secretKey()))
                .prefix(prefix)
                .createBucket(true)
                .build());
    }

    static EnvelopeCipher cipher(Path keyFile, AeadAlgorithm algorithm) {
        return new EnvelopeCipher(LocalKeyFileProvider.open(keyFile), algorithm);
    }

    /** zstd level 3 and the given AEAD, in frames of {@code frameSize}. */
    static SealingBlockStore sealed(BlockStore remote, Path keyFile, AeadAlgorithm algorithm, int frameSize) {
        return new SealingBlockStore(
                remote, new ChunkCompressor(Codecs.zstd(3)), cipher(keyFile, algorithm), frameSize);
    }
}
