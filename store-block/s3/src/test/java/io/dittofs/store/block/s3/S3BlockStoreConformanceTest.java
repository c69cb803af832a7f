package io.dittofs.store.block.s3;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.BlockStoreConformanceTest;
import io.dittofs.store.block.testkit.S3ProxyExtension;
import io.dittofs.store.block.testkit.S3ProxyKnownLimits;
import io.dittofs.store.block.testkit.S3ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the block store conformance suite against {@link S3BlockStore} talking to a real S3 server
 * (S3Proxy, a local process, keeping objects in memory) over HTTP on loopback; the store creates
 * the bucket. Each test gets its own key prefix in one bucket, so reopening the store over the
 * same scratch directory finds the same objects. The few tests S3Proxy itself cannot pass are
 * listed, with why, in {@link S3ProxyKnownLimits}.
 */
@ExtendWith(S3ProxyKnownLimits.class)
class S3BlockStoreConformanceTest extends BlockStoreConformanceTest {
    static final String BUCKET = "conformance";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.inMemory();

    static S3Settings.Builder settingsFor(S3ProxyServer server, String bucket) {
        return S3Settings.builder(server.endpoint(), server.region(), bucket)
                .credentials(new S3Credentials(server.accessKey(), server.secretKey()));
    }

    @Override
    protected BlockStore createStore(Path scratchDir) {
        // A prefix per scratch directory: fresh for each test, the same again on reopen.
        String prefix =
                "t" + Integer.toHexString(scratchDir.toAbsolutePath().toString().hashCode()) + "/";
        // A small multipart threshold so the suite's 5 MiB object goes up in parts.
        return new S3BlockStore(settingsFor(S3.server(), BUCKET)
                .prefix(prefix)
                .createBucket(true)
                .multipart(S3Settings.MIN_PART_SIZE - 1, S3Settings.MIN_PART_SIZE)
                .build());
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
