package io.dittofs.store.block.s3;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One object uploaded in parts: create, upload each part, complete; abort on any failure so no
 * parts are left behind to be billed. The object appears only at completion, whole, so readers
 * never see a prefix of it.
 */
final class MultipartUpload {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);

    private MultipartUpload() {}

    /** Uploads {@code body}'s remaining bytes (leaving its position alone) as {@code key}. */
    static void upload(S3Client client, String bucket, String key, ByteBuffer body, int partSize) {
        String uploadId =
                client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int start = body.position();
            int end = body.limit();
            for (int from = start, number = 1; from < end; from += partSize, number++) {
                int length = Math.min(partSize, end - from);
                ByteBuffer part = body.duplicate().position(from).limit(from + length);
                int partNumber = number;
                UploadPartResponse response = client.uploadPart(
                        b -> b.bucket(bucket)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength((long) length),
                        Bodies.of(part));
                parts.add(CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(response.eTag())
                        .build());
            }
            client.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            abort(client, bucket, key, uploadId, e);
            throw e;
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
