package io.dittofs.store.block.s3;

import io.dittofs.store.block.BlockStoreException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one place where an SDK failure becomes a {@link BlockStoreException} that names the
 * operation, bucket and key, and says by its kind whether retrying later may help: the SDK has
 * already retried with backoff by then.
 */
final class S3Errors {
    private S3Errors() {}

    static boolean isNotFound(SdkException e) {
        return e instanceof SdkServiceException s && s.statusCode() == 404;
    }

    static boolean isInvalidRange(SdkException e) {
        return e instanceof SdkServiceException s && s.statusCode() == 416;
    }

    static BlockStoreException wrap(String operation, String bucket, String key, SdkException e) {
        return new BlockStoreException(
                kindOf(e), operation + " of s3://" + bucket + "/" + key + " failed: " + describe(e), e);
    }

    static BlockStoreException.Kind kindOf(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return BlockStoreException.Kind.UNAVAILABLE;
        }
        if (e instanceof SdkServiceException s) {
            int status = s.statusCode();
            // 5xx and throttling (429, S3's 503 SlowDown) are the server's transient troubles.
            return status >= 500 || status == 429 || s.isThrottlingException()
                    ? BlockStoreException.Kind.UNAVAILABLE
                    : BlockStoreException.Kind.IO;
        }
        // Client-side failures: connection refused or reset, DNS, unreadable response.
        return e instanceof SdkClientException ? BlockStoreException.Kind.UNAVAILABLE : BlockStoreException.Kind.IO;
    }

    private static String describe(SdkException e) {
        if (e instanceof S3Exception s && s.awsErrorDetails() != null) {
            // HEAD answers carry no body, so no error code: the status says it all.
            String code = s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails().errorMessage();
            return "HTTP " + s.statusCode() + (code == null ? "" : " " + code)
                    + (message == null ? "" : ": " + message);
        }
        return e.getMessage();
    }
}
