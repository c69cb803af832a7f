package io.dittofs.store.block.s3;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the SDK client for a {@link S3Settings}. */
final class S3Clients {
    private S3Clients() {}

    static S3Client build(S3Settings s) {
        return build(s, List.of());
    }

    /** With interceptors that see every request (tests). */
    static S3Client build(S3Settings s, List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s.region()))
                .credentialsProvider(credentials(s))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.attemptTimeout())
                        .maxConnections(s.maxConnections()))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(s.pathStyle())
                        .build())
                // Checksums only where S3 requires them: many S3-compatible servers reject the
                // SDK's newer default (aws-chunked bodies with CRC trailers). Integrity of what we
                // store is checked end to end by the sealed object format above this store.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(s.maxAttempts())
                                .backoffStrategy(
                                        BackoffStrategy.exponentialDelay(s.retryBaseDelay(), s.retryMaxDelay()))
                                // No client-side circuit breaker: after an outage, the syncer's own
                                // backoff decides when to try again, and every call gets its attempts.
                                .circuitBreakerEnabled(false)
                                .build())
                        .executionInterceptors(interceptors)
                        .apiCallAttemptTimeout(s.attemptTimeout())
                        .apiCallTimeout(s.callTimeout())
                        .build());
        if (s.endpoint() != null) {
            builder.endpointOverride(s.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        S3Credentials c = s.credentials();
        if (c == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
    }
}
