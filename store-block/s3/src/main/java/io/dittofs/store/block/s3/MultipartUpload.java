package io.dittofs.store.block.s3;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One object uploaded in parts: create, upload the parts, up to {@code concurrency} at once,
 * complete; abort on any failure so no parts are left behind to be billed. The object appears
 * only at completion, whole, so readers never see a prefix of it.
 *
 * <p>Why parts in parallel: one HTTP stream rarely fills the link to a distant S3 endpoint (its
 * throughput is bounded by window size over round-trip time), and a retried part costs only its
 * own bytes. Each of {@code concurrency} virtual threads takes the next part number until none is
 * left or one has failed; after a failure no new part starts, the ones in flight finish or fail,
 * then the upload is aborted.
 */
final class MultipartUpload {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);

    private MultipartUpload() {}

    /** Uploads {@code body}'s remaining bytes (leaving its position alone) as {@code key}. */
    static void upload(S3Client client, String bucket, String key, ByteBuffer body, int partSize, int concurrency) {
        String uploadId =
                client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            CompletedPart[] parts = uploadParts(client, bucket, key, uploadId, body, partSize, concurrency);
            client.completeMultipartUpload(b ->
                    b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(Arrays.asList(parts))));
        } catch (RuntimeException e) {
            abort(client, bucket, key, uploadId, e);
            throw e;
        }
    }

    private static CompletedPart[] uploadParts(
            S3Client client,
            String bucket,
            String key,
            String uploadId,
            ByteBuffer body,
            int partSize,
            int concurrency) {
        int start = body.position();
        int length = body.remaining();
        int count = Math.max(1, (int) ((length + (long) partSize - 1) / partSize));
        CompletedPart[] parts = new CompletedPart[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                int from = start + i * partSize;
                int n = Math.min(partSize, start + length - from);
                ByteBuffer part = body.duplicate().limit(from + n).position(from);
                int partNumber = i + 1; // S3 numbers parts from 1
                try {
                    UploadPartResponse response = client.uploadPart(
                            b -> b.bucket(bucket)
                                    .key(key)
                                    .uploadId(uploadId)
                                    .partNumber(partNumber)
                                    .contentLength((long) n),
                            Bodies.of(part));
                    parts[i] = CompletedPart.builder()
                            .partNumber(partNumber)
                            .eTag(response.eTag())
                            .build();
                } catch (RuntimeException e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                    return;
                }
            }
        };
        int workers = Math.min(concurrency, count);
        if (workers == 1) {
            worker.run();
        } else {
            runAll(worker, workers, failure);
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return parts;
    }

    private static void runAll(Runnable worker, int workers, AtomicReference<RuntimeException> failure) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(threads.submit(worker));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    failure.compareAndSet(
                            null,
                            ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new IllegalStateException("interrupted during a multipart upload", ex));
                    threads.shutdownNow();
                }
            }
        }
    }

    private static void abort(S3Client client, String bucket, String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The server's lifecycle rules or our GC clean it up later; the upload's failure is what matters.
            cause.addSuppressed(e);
            LOG.warn("could not abort multipart upload {} of s3://{}/{}: {}", uploadId, bucket, key, e.toString());
        }
    }
}
