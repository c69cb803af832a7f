package io.dittofs.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.BiConsumer;

/** The checks of an {@code s3} block store's settings and of any store's sealing settings. */
final class BlockStoreChecks {
    static final List<String> COMPRESSIONS = List.of("zstd", "lz4", "none");
    static final List<String> ENCRYPTIONS = List.of("aes-256-gcm", "chacha20-poly1305", "none");
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The S3 store's connection pool size: each part in flight holds a connection. */
    static final int MAX_PART_CONCURRENCY = 64;

    private BlockStoreChecks() {}

    static void checkS3(String key, BlockStoreConfig b, BiConsumer<String, String> problem) {
        S3Config s = b.s3();
        if (!"s3".equals(b.type())) {
            if (s != null) {
                problem.accept(key + ".s3", "only an s3 store has s3 settings");
            }
            return;
        }
        if (s == null || s.bucket() == null || s.bucket().isBlank()) {
            problem.accept(key + ".s3.bucket", "an s3 store needs a bucket");
            return;
        }
        if (s.endpoint() != null) {
            try {
                URI uri = new URI(s.endpoint());
                if (!List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null) {
                    problem.accept(
                            key + ".s3.endpoint", "must be an http:// or https:// URL, not '" + s.endpoint() + "'");
                }
            } catch (URISyntaxException e) {
                problem.accept(key + ".s3.endpoint", "not a URL: " + e.getMessage());
            }
        }
        if ((s.accessKey() == null) != (s.secretKey() == null)) {
            problem.accept(key + ".s3", "give accessKey and secretKey together, or neither for the AWS default chain");
        }
        if (s.multipartThreshold() != null && s.multipartThreshold() < 0) {
            problem.accept(key + ".s3.multipartThreshold", "must not be negative");
        }
        if (s.partSize() != null && s.partSize() < MIN_PART_SIZE) {
            // S3 refuses parts below 5 MiB, except the last (CompleteMultipartUpload: EntityTooSmall).
            problem.accept(key + ".s3.partSize", "must be at least " + MIN_PART_SIZE + " (5 MiB, S3's minimum)");
        }
        if (s.partConcurrency() != null && (s.partConcurrency() < 1 || s.partConcurrency() > MAX_PART_CONCURRENCY)) {
            problem.accept(key + ".s3.partConcurrency", "must be 1 to " + MAX_PART_CONCURRENCY);
        }
        if (s.prefix() != null && !s.prefix().isEmpty() && !s.prefix().matches("([A-Za-z0-9._-]+/)+")) {
            problem.accept(key + ".s3.prefix", "segments of [A-Za-z0-9._-], each ending in '/', like 'dittofs/'");
        }
    }

    static void checkSeal(String key, BlockStoreConfig b, BiConsumer<String, String> problem) {
        SealConfig s = b.seal();
        if (s == null) {
            return;
        }
        if (s.compression() != null && !COMPRESSIONS.contains(s.compression())) {
            problem.accept(
                    key + ".seal.compression", "must be one of " + COMPRESSIONS + ", not '" + s.compression() + "'");
        }
        if (s.zstdLevel() != null && (s.zstdLevel() < -7 || s.zstdLevel() > 22 || s.zstdLevel() == 0)) {
            problem.accept(key + ".seal.zstdLevel", "must be -7 to -1 or 1 to 22");
        }
        String encryption = s.effectiveEncryption();
        if (!ENCRYPTIONS.contains(encryption)) {
            problem.accept(key + ".seal.encryption", "must be one of " + ENCRYPTIONS + ", not '" + encryption + "'");
        } else if (!encryption.equals("none") && s.keyFile() == null) {
            problem.accept(
                    key + ".seal.keyFile", encryption + " needs a key file (created with mode 0600 when missing)");
        }
        if (s.frameSize() != null && (s.frameSize() < 4096 || s.frameSize() > (16 << 20))) {
            problem.accept(key + ".seal.frameSize", "must be 4096 to 16777216");
        }
    }
}
