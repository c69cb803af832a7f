package io.dittofs.store.block.s3;

/**
 * A static access key pair. {@link #toString()} never shows the secret, so a config record that
 * holds one can be logged.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {
    public S3Credentials {
        if (accessKeyId.isBlank() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("an access key id and a secret key are both required");
        }
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
