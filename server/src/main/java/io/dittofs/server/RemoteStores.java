package io.dittofs.server;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.crypto.envelope.EnvelopeException;
import io.dittofs.crypto.envelope.LocalKeyFileProvider;
import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.S3Config;
import io.dittofs.server.config.SealConfig;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.compress.Codec;
import io.dittofs.store.block.pipeline.compress.Codecs;
import io.dittofs.store.block.pipeline.seal.SealingBlockStore;
import io.dittofs.store.block.s3.S3BlockStore;
import io.dittofs.store.block.s3.S3Credentials;
import io.dittofs.store.block.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the S3 store and the sealing decorator from their (validated) config. */
final class RemoteStores {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteStores.class);

    private RemoteStores() {}

    static BlockStore s3(String name, S3Config c) throws ConfigException {
        URI endpoint = c.endpoint() == null ? null : URI.create(c.endpoint());
        S3Settings.Builder b = S3Settings.builder(
                endpoint, c.region() == null ? "us-east-1" : c.region(), Objects.requireNonNull(c.bucket()));
        if (c.prefix() != null) {
            b.prefix(c.prefix());
        }
        if (c.pathStyle() != null) {
            b.pathStyle(c.pathStyle());
        }
        if (c.accessKey() != null && c.secretKey() != null) {
            b.credentials(new S3Credentials(c.accessKey(), c.secretKey()));
        }
        b.createBucket(Boolean.TRUE.equals(c.createBucket()));
        b.multipart(
                c.multipartThreshold() == null ? S3Settings.DEFAULT_MULTIPART_THRESHOLD : c.multipartThreshold(),
                c.partSize() == null ? S3Settings.DEFAULT_PART_SIZE : c.partSize());
        if (c.partConcurrency() != null) {
            b.partConcurrency(c.partConcurrency());
        }
        try {
            return new S3BlockStore(b.build());
        } catch (BlockStoreException | IllegalArgumentException e) {
            throw new ConfigException("blockStores." + name + ".s3", e.getMessage());
        }
    }

    static BlockStore sealed(String name, BlockStore remote, SealConfig c) throws ConfigException {
        Codec codec =
                switch (c.compression() == null ? "zstd" : c.compression()) {
                    case "lz4" -> Codecs.lz4();
                    case "none" -> Codecs.none();
                    default -> Codecs.zstd(c.zstdLevel() == null ? Codecs.DEFAULT_ZSTD_LEVEL : c.zstdLevel());
                };
        EnvelopeCipher cipher = cipher(name, c);
        int frameSize = c.frameSize() == null ? SealingBlockStore.DEFAULT_FRAME_SIZE : c.frameSize();
        LOG.info(
                "block store '{}': sealed, {} compression, {}, {}-byte frames",
                name,
                codec.algorithm().name().toLowerCase(Locale.ROOT),
                cipher == null ? "not encrypted" : cipher.algorithm().name(),
                frameSize);
        return new SealingBlockStore(remote, new ChunkCompressor(codec), cipher, frameSize);
    }

    private static @Nullable EnvelopeCipher cipher(String name, SealConfig c) throws ConfigException {
        AeadAlgorithm algorithm =
                switch (c.effectiveEncryption()) {
                    case "none" -> null;
                    case "chacha20-poly1305" -> AeadAlgorithm.CHACHA20_POLY1305;
                    default -> AeadAlgorithm.AES_256_GCM;
                };
        if (algorithm == null) {
            return null;
        }
        Path keyFile = Objects.requireNonNull(c.keyFile());
        try {
            LocalKeyFileProvider keys = LocalKeyFileProvider.open(keyFile);
            LOG.info("block store '{}': key-encryption key {} from {}", name, keys.currentKeyId(), keyFile);
            return new EnvelopeCipher(keys, algorithm);
        } catch (EnvelopeException e) {
            throw new ConfigException("blockStores." + name + ".seal.keyFile", e.getMessage());
        }
    }
}
