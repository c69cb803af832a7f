package io.dittofs.server.config;

import org.jspecify.annotations.Nullable;

/**
 * Where an {@code s3} block store keeps its objects.
 *
 * @param endpoint the service URL of an S3-compatible server ({@code http://127.0.0.1:9000}); omit
 *     for AWS itself
 * @param region the signing region (default {@code us-east-1})
 * @param bucket the bucket; it must exist unless {@code createBucket}
 * @param prefix put before every key, ending in '/' (default none), so stores can share a bucket
 * @param pathStyle {@code http://host/bucket/key} URLs (default: true with an endpoint, false for AWS)
 * @param accessKey the access key id; omit both keys to use the AWS default chain (environment,
 *     profile, instance role)
 * @param secretKey the secret access key; never logged
 * @param createBucket create the bucket at start when it does not exist (default false)
 * @param multipartThreshold objects larger than this many bytes go up as multipart uploads
 *     (default 16 MiB)
 * @param partSize bytes per part, at least 5 MiB (S3's minimum; default 8 MiB)
 * @param partConcurrency parts of one object sent at once, 1 to 64 (default 4)
 */
public record S3Config(
        @Nullable String endpoint,
        @Nullable String region,
        @Nullable String bucket,
        @Nullable String prefix,
        @Nullable Boolean pathStyle,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @Nullable Boolean createBucket,
        @Nullable Long multipartThreshold,
        @Nullable Integer partSize,
        @Nullable Integer partConcurrency) {

    @Override
    public String toString() {
        // Never print the secret key.
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? "none" : "***") + "]";
    }
}
