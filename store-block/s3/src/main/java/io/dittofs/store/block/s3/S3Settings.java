package io.dittofs.store.block.s3;

import io.dittofs.store.block.BlockKey;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where and how {@link S3BlockStore} talks to S3.
 *
 * @param endpoint the service URL ({@code http://127.0.0.1:9000} for a local server), or null for
 *     AWS's own endpoint of {@code region}
 * @param region the signing region ({@code us-east-1} for most S3-compatible servers)
 * @param bucket the bucket, which must exist unless {@code createBucket}
 * @param prefix prepended to every block key ({@code ""} or a valid prefix ending in '/'), so
 *     several stores can share a bucket
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: most
 *     S3-compatible servers need it
 * @param credentials a static key pair, or null for the SDK's default chain (environment, profile,
 *     instance role)
 * @param multipartThreshold objects larger than this are uploaded in parts
 * @param partSize bytes per part of a multipart upload (S3's minimum is 5 MiB)
 * @param partConcurrency parts of one multipart upload sent at once (each holds a pooled
 *     connection, so at most {@code maxConnections})
 * @param maxAttempts attempts per request, first included, with exponential backoff and jitter
 *     between them from {@code retryBaseDelay} up to {@code retryMaxDelay}
 * @param connectTimeout to open a TCP connection
 * @param attemptTimeout one HTTP attempt, body included
 * @param callTimeout one operation, all its retries included
 * @param maxConnections the HTTP connection pool size, so the bound on concurrent requests
 * @param createBucket create the bucket at start when it does not exist
 */
public record S3Settings(
        @Nullable URI endpoint,
        String region,
        String bucket,
        String prefix,
        boolean pathStyle,
        @Nullable S3Credentials credentials,
        long multipartThreshold,
        int partSize,
        int partConcurrency,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Duration connectTimeout,
        Duration attemptTimeout,
        Duration callTimeout,
        int maxConnections,
        boolean createBucket) {

    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_PART_CONCURRENCY = 4;

    public S3Settings {
        if (region.isBlank()) {
            throw new IllegalArgumentException("an S3 region is required (us-east-1 for most S3-compatible servers)");
        }
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 bucket is required");
        }
        if (!prefix.isEmpty() && (!prefix.endsWith("/") || !BlockKey.isValidPrefix(prefix))) {
            throw new IllegalArgumentException("S3 prefix '" + prefix + "' must be empty or a valid key ending in '/'");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " is below S3's minimum of " + MIN_PART_SIZE);
        }
        if (multipartThreshold < 0) {
            throw new IllegalArgumentException("negative multipart threshold " + multipartThreshold);
        }
        if (maxAttempts < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxAttempts and maxConnections must be at least 1");
        }
        if (partConcurrency < 1 || partConcurrency > maxConnections) {
            throw new IllegalArgumentException(
                    "part concurrency " + partConcurrency + " must be 1 to maxConnections (" + maxConnections + ")");
        }
    }

    /** A builder with the defaults for everything but where the bucket is. */
    public static Builder builder(@Nullable URI endpoint, String region, String bucket) {
        return new Builder(endpoint, region, bucket);
    }

    /** Settings with the defaults for everything but where the bucket is. */
    public static S3Settings of(@Nullable URI endpoint, String region, String bucket) {
        return builder(endpoint, region, bucket).build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(endpoint, region, bucket);
        b.prefix = prefix;
        b.pathStyle = pathStyle;
        b.credentials = credentials;
        b.multipartThreshold = multipartThreshold;
        b.partSize = partSize;
        b.partConcurrency = partConcurrency;
        b.maxAttempts = maxAttempts;
        b.retryBaseDelay = retryBaseDelay;
        b.retryMaxDelay = retryMaxDelay;
        b.connectTimeout = connectTimeout;
        b.attemptTimeout = attemptTimeout;
        b.callTimeout = callTimeout;
        b.maxConnections = maxConnections;
        b.createBucket = createBucket;
        return b;
    }

    /** Builds {@link S3Settings}; the defaults suit a nearby S3-compatible server. Not thread-safe. */
    public static final class Builder {
        private final @Nullable URI endpoint;
        private final String region;
        private final String bucket;
        private String prefix = "";
        private boolean pathStyle;
        private @Nullable S3Credentials credentials;
        private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private int partSize = DEFAULT_PART_SIZE;
        private int partConcurrency = DEFAULT_PART_CONCURRENCY;
        private int maxAttempts = 4;
        private Duration retryBaseDelay = Duration.ofMillis(100);
        private Duration retryMaxDelay = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration attemptTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofMinutes(5);
        private int maxConnections = 64;
        private boolean createBucket;

        private Builder(@Nullable URI endpoint, String region, String bucket) {
            this.endpoint = endpoint;
            this.region = region;
            this.bucket = bucket;
            // Custom endpoints are nearly always S3-compatible servers, which need path-style.
            this.pathStyle = endpoint != null;
        }

        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        public Builder pathStyle(boolean value) {
            this.pathStyle = value;
            return this;
        }

        public Builder credentials(@Nullable S3Credentials value) {
            this.credentials = value;
            return this;
        }

        public Builder multipart(long threshold, int size) {
            this.multipartThreshold = threshold;
            this.partSize = size;
            return this;
        }

        /** Parts of one multipart upload sent at once. */
        public Builder partConcurrency(int value) {
            this.partConcurrency = value;
            return this;
        }

        public Builder retries(int attempts, Duration baseDelay, Duration maxDelay) {
            this.maxAttempts = attempts;
            this.retryBaseDelay = baseDelay;
            this.retryMaxDelay = maxDelay;
            return this;
        }

        public Builder timeouts(Duration connect, Duration attempt, Duration call) {
            this.connectTimeout = connect;
            this.attemptTimeout = attempt;
            this.callTimeout = call;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder createBucket(boolean value) {
            this.createBucket = value;
            return this;
        }

        public S3Settings build() {
            return new S3Settings(
                    endpoint,
                    region,
                    bucket,
                    prefix,
                    pathStyle,
                    credentials,
                    multipartThreshold,
                    partSize,
                    partConcurrency,
                    maxAttempts,
                    retryBaseDelay,
                    retryMaxDelay,
                    connectTimeout,
                    attemptTimeout,
                    callTimeout,
                    maxConnections,
                    createBucket);
        }
    }
}
