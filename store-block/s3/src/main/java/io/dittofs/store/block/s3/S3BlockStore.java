package io.dittofs.store.block.s3;

import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockKey;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.block.KeyPage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlockStore} in an S3 bucket: block key {@code k} is the object {@code prefix + k}.
 *
 * <p>S3 gives most of the contract directly: a PUT (or a completed multipart upload) replaces an
 * object atomically and is durable when it returns; GET takes a byte range; LIST is in UTF-8
 * byte order. What S3 does not say, this class works out: {@link #delete} asks HEAD first because
 * S3's DELETE does not say whether there was an object, and a range at or past the end (HTTP 416)
 * is an empty read rather than an error.
 *
 * <p>Failures are {@link BlockStoreException}s naming the bucket and key, after the SDK's own
 * retries (see {@link S3Settings#maxAttempts()}): UNAVAILABLE for connection trouble, timeouts,
 * 5xx and throttling; IO for the rest (403, a missing bucket).
 *
 * <p>Thread-safe: the SDK client is, and this class keeps no other state.
 */
public final class S3BlockStore implements BlockStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlockStore.class);
    private static final int S3_MAX_KEYS = 1000;

    private final S3Settings settings;
    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /** Opens the store; creates the bucket first when the settings say so. */
    public S3BlockStore(S3Settings settings) {
        this(settings, S3Clients.build(settings));
    }

    /** Over a given client (tests watch its requests); the store closes it. */
    S3BlockStore(S3Settings settings, S3Client client) {
        this.settings = settings;
        this.client = client;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        if (settings.createBucket()) {
            createBucketIfMissing();
        }
        LOG.info(
                "S3 block store: bucket {} prefix '{}' at {} (region {}, {})",
                bucket,
                prefix,
                settings.endpoint() == null ? "AWS" : settings.endpoint(),
                settings.region(),
                settings.pathStyle() ? "path-style" : "virtual-hosted");
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public void put(String key, ByteBuffer data) {
        String objectKey = objectKey(key);
        ByteBuffer body = data.duplicate();
        try {
            if (body.remaining() > settings.multipartThreshold()) {
                MultipartUpload.upload(
                        client, bucket, objectKey, body, settings.partSize(), settings.partConcurrency());
            } else {
                client.putObject(
                        b -> b.bucket(bucket).key(objectKey).contentLength((long) body.remaining()), Bodies.of(body));
            }
        } catch (SdkException e) {
            throw S3Errors.wrap("put", bucket, objectKey, e);
        }
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
        String objectKey = objectKey(key);
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    client.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey));
            return Optional.of(ByteBuffer.wrap(bytes.asByteArrayUnsafe()).asReadOnlyBuffer());
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return Optional.empty();
            }
            throw S3Errors.wrap("get", bucket, objectKey, e);
        }
    }

    @Override
    public Optional<ByteBuffer> get(String key, long offset, int length) {
        String objectKey = objectKey(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " or length " + length);
        }
        if (length == 0) {
            // HTTP cannot ask for zero bytes; only whether the object exists matters.
            return stat(key).map(info -> ByteBuffer.allocate(0).asReadOnlyBuffer());
        }
        long last = offset > Long.MAX_VALUE - length ? Long.MAX_VALUE : offset + length - 1;
        String range = "bytes=" + offset + "-" + last;
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    client.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey).range(range));
            byte[] array = bytes.asByteArrayUnsafe();
            if (bytes.response().contentRange() == null) {
                // A server that ignored the range sent the whole object: cut the range out of it.
                int from = (int) Math.min(offset, array.length);
                int to = (int) Math.min((long) from + length, array.length);
                return Optional.of(
                        ByteBuffer.wrap(array, from, to - from).slice().asReadOnlyBuffer());
            }
            return Optional.of(ByteBuffer.wrap(array).asReadOnlyBuffer());
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return Optional.empty();
            }
            if (S3Errors.isInvalidRange(e)) {
                // 416: the object exists and the range starts at or past its end.
                return Optional.of(ByteBuffer.allocate(0).asReadOnlyBuffer());
            }
            throw S3Errors.wrap("ranged get", bucket, objectKey, e);
        }
    }

    @Override
    public Optional<BlockInfo> stat(String key) {
        String objectKey = objectKey(key);
        return head(objectKey).map(h -> new BlockInfo(key, h.contentLength()));
    }

    @Override
    public boolean delete(String key) {
        String objectKey = objectKey(key);
        if (head(objectKey).isEmpty()) {
            return false;
        }
        try {
            client.deleteObject(b -> b.bucket(bucket).key(objectKey));
            return true;
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return false;
            }
            throw S3Errors.wrap("delete", bucket, objectKey, e);
        }
    }

    @Override
    public KeyPage list(String keyPrefix, @Nullable String startAfter, int limit) {
        if (!BlockKey.isValidPrefix(keyPrefix)) {
            throw new BlockStoreException(
                    BlockStoreException.Kind.INVALID_KEY, "invalid key prefix: '" + keyPrefix + "'");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<String> keys = new ArrayList<>(Math.min(limit, S3_MAX_KEYS));
        String token = null;
        boolean truncated;
        do {
            ListObjectsV2Response page = listPage(keyPrefix, startAfter, limit - keys.size(), token);
            for (S3Object o : page.contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
            truncated = Boolean.TRUE.equals(page.isTruncated());
            token = page.nextContinuationToken();
        } while (truncated && keys.size() < limit && token != null);
        return new KeyPage(keys, truncated);
    }

    private ListObjectsV2Response listPage(
            String keyPrefix, @Nullable String startAfter, int wanted, @Nullable String token) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(prefix + keyPrefix)
                .maxKeys(Math.min(wanted, S3_MAX_KEYS));
        if (token != null) {
            request.continuationToken(token);
        } else if (startAfter != null) {
            request.startAfter(prefix + startAfter);
        }
        try {
            return client.listObjectsV2(request.build());
        } catch (SdkException e) {
            throw S3Errors.wrap("list", bucket, prefix + keyPrefix + "*", e);
        }
    }

    /** An object store has no fixed size. */
    @Override
    public Capacity capacity() {
        return Capacity.UNBOUNDED;
    }

    @Override
    public void close() {
        client.close();
    }

    private Optional<HeadObjectResponse> head(String objectKey) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(bucket).key(objectKey)));
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return Optional.empty();
            }
            throw S3Errors.wrap("stat", bucket, objectKey, e);
        }
    }

    private String objectKey(String key) {
        return prefix + BlockKey.requireValid(key);
    }

    private void createBucketIfMissing() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            if (!S3Errors.isNotFound(e)) {
                throw S3Errors.wrap("open", bucket, "", e);
            }
            try {
                client.createBucket(b -> b.bucket(bucket));
                LOG.info("created S3 bucket {}", bucket);
            } catch (SdkException create) {
                throw S3Errors.wrap("create bucket", bucket, "", create);
            }
        }
    }
}
