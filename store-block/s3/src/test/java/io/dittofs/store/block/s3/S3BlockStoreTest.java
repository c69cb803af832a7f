package io.dittofs.store.block.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.testkit.S3ProxyExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * What the conformance suite does not cover: multipart uploads (parts in parallel, abort), failures that name the bucket and
 * key with the right kind, an outage and recovery of the server, and secrets kept out of logs.
 * Against S3Proxy with its filesystem backend, so objects outlive a server restart.
 */
class S3BlockStoreTest {
    private static final String BUCKET = "blocks";
    private static final int MIB = 1 << 20;

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.filesystem();

    private static S3Settings.Builder settings() {
        return S3BlockStoreConformanceTest.settingsFor(S3.server(), BUCKET)
                .createBucket(true)
                .retries(2, Duration.ofMillis(10), Duration.ofMillis(50))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void anObjectAboveTheThresholdIsUploadedInPartsAndReadsBackWhole() {
        byte[] data = random(12 * MIB + 123, 1);
        S3Settings settings = settings()
                .prefix("multipart/")
                .multipart(6 * MIB, S3Settings.MIN_PART_SIZE)
                .build();
        try (S3BlockStore store = new S3BlockStore(settings);
                S3Client raw = S3Clients.build(settings)) {
            store.put("big", ByteBuffer.wrap(data));

            assertThat(store.get("big"))
                    .hasValueSatisfying(b -> assertThat(bytes(b)).isEqualTo(data));
            assertThat(store.get("big", 10 * MIB, 4096))
                    .hasValueSatisfying(b -> assertThat(bytes(b)).isEqualTo(slice(data, 10 * MIB, 4096)));
            // A multipart object's ETag ends in "-<number of parts>": 12 MiB in 5 MiB parts is 3.
            String etag =
                    raw.headObject(h -> h.bucket(BUCKET).key("multipart/big")).eTag();
            assertThat(etag.replace("\"", "")).endsWith("-3");
        }
    }

    @Test
    void partsOfOneObjectGoUpSeveralAtOnceButNoMoreThanTheSetConcurrency() {
        byte[] data = random(21 * MIB, 3); // 5 parts of 5 MiB (the last 1 MiB)
        // Each part waits (up to 10 s) for a second one to be in flight: parts sent one after the
        // other never overlap, so the most seen at once would be 1.
        PartWatch watch = new PartWatch(2, 0);
        try (S3BlockStore store = watched("parallel/", watch)) {
            store.put("big", ByteBuffer.wrap(data));

            assertThat(watch.mostAtOnce.get()).as("parts in flight at once").isEqualTo(2);
            assertThat(watch.parts.get()).isEqualTo(5);
            assertThat(store.get("big"))
                    .hasValueSatisfying(b -> assertThat(bytes(b)).isEqualTo(data));
        }
    }

    @Test
    void aPartThatFailsAbortsTheUploadAndNoObjectAppears() {
        byte[] data = random(21 * MIB, 4);
        PartWatch watch = new PartWatch(1, 3);
        try (S3BlockStore store = watched("abort/", watch)) {
            assertThatThrownBy(() -> store.put("big", ByteBuffer.wrap(data)))
                    .isInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("s3://blocks/abort/big");

            assertThat(watch.aborted.get()).as("abort requests").isEqualTo(1);
            assertThat(watch.completed.get()).as("complete requests").isZero();
            assertThat(store.stat("big")).isEmpty();
        }
    }

    /** A store that uploads objects above 6 MiB in 5 MiB parts, two at once, its requests watched. */
    private static S3BlockStore watched(String prefix, PartWatch watch) {
        S3Settings settings = settings()
                .prefix(prefix)
                .multipart(6 * MIB, S3Settings.MIN_PART_SIZE)
                .partConcurrency(2)
                .build();
        return new S3BlockStore(settings, S3Clients.build(settings, List.of(watch)));
    }

    /**
     * Sees the multipart requests: how many UploadParts run at once (each first waits until
     * {@code overlap} are in flight, or 10 s), and fails part number {@code failPart} (0: none).
     */
    private static final class PartWatch implements ExecutionInterceptor {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger aborted = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        private final CountDownLatch overlap;
        private final int failPart;

        PartWatch(int overlap, int failPart) {
            this.overlap = new CountDownLatch(overlap);
            this.failPart = failPart;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            switch (context.request()) {
                case UploadPartRequest r -> {
                    if (r.partNumber() == failPart) {
                        throw SdkClientException.create("part " + failPart + " fails (test)");
                    }
                    parts.incrementAndGet();
                    mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    overlap.countDown();
                    try {
                        overlap.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case AbortMultipartUploadRequest r -> aborted.incrementAndGet();
                case CompleteMultipartUploadRequest r -> completed.incrementAndGet();
                default -> {}
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void aWrongSecretFailsWithAnErrorNamingBucketAndKey() {
        S3Settings wrong = settings()
                .credentials(new S3Credentials(S3.server().accessKey(), "not-the-secret"))
                .createBucket(false)
                .build();
        try (S3BlockStore store = new S3BlockStore(wrong)) {
            assertThatThrownBy(() -> store.put("k1", ByteBuffer.wrap(new byte[10])))
                    .isInstanceOfSatisfying(
                            BlockStoreException.class, e -> assertThat(e.kind()).isEqualTo(BlockStoreException.Kind.IO))
                    .hasMessageContaining("s3://blocks/k1")
                    .hasMessageContaining("403");
        }
    }

    @Test
    void aMissingBucketIsAnErrorNamingIt() {
        try (S3BlockStore store =
                new S3BlockStore(S3BlockStoreConformanceTest.settingsFor(S3.server(), "no-such-bucket")
                        .retries(1, Duration.ofMillis(1), Duration.ofMillis(1))
                        .build())) {
            assertThatThrownBy(() -> store.put("k", ByteBuffer.wrap(new byte[1])))
                    .isInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("s3://no-such-bucket/k");
        }
    }

    @Test
    void whileTheServerIsDownCallsFailAsUnavailableAndAfterItsRestartEverythingIsThere() {
        byte[] before = random(100_000, 2);
        try (S3BlockStore store = new S3BlockStore(settings().prefix("outage/").build())) {
            store.put("before", ByteBuffer.wrap(before));

            S3.server().stop();
            try {
                assertThatThrownBy(() -> store.put("during", ByteBuffer.wrap(new byte[10])))
                        .isInstanceOfSatisfying(BlockStoreException.class, e -> assertThat(e.kind())
                                .isEqualTo(BlockStoreException.Kind.UNAVAILABLE))
                        .hasMessageContaining("s3://blocks/outage/during");
                assertThatThrownBy(() -> store.get("before"))
                        .isInstanceOfSatisfying(BlockStoreException.class, e -> assertThat(e.kind())
                                .isEqualTo(BlockStoreException.Kind.UNAVAILABLE));
            } finally {
                S3.server().restart();
            }

            assertThat(store.get("before"))
                    .hasValueSatisfying(b -> assertThat(bytes(b)).isEqualTo(before));
            store.put("after", ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(store.list("", null, 10).keys()).containsExactly("after", "before");
        }
    }

    @Test
    void settingsNeverShowTheSecret() {
        S3Settings s = settings().build();
        assertThat(s.toString())
                .contains(S3.server().accessKey())
                .doesNotContain(S3.server().secretKey());
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] slice(byte[] data, int from, int length) {
        return java.util.Arrays.copyOfRange(data, from, from + length);
    }
}
