package io.dittofs.store.block.pipeline.seal;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.BlockStoreConformanceTest;
import io.dittofs.store.block.testkit.S3ProxyExtension;
import io.dittofs.store.block.testkit.S3ProxyKnownLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The block store contract holds through the sealing decorator (zstd, ChaCha20-Poly1305, 64 KiB
 * frames) over S3 (S3Proxy in memory, a local process), a key prefix per test.
 */
@ExtendWith(S3ProxyKnownLimits.class)
class SealingOverS3ConformanceTest extends BlockStoreConformanceTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.inMemory();

    @Override
    protected BlockStore createStore(Path scratchDir) {
        String prefix =
                "t" + Integer.toHexString(scratchDir.toAbsolutePath().toString().hashCode()) + "/";
        return Remotes.sealed(
                Remotes.s3(S3.server(), "sealed", prefix),
                scratchDir.resolve("kek"),
                AeadAlgorithm.CHACHA20_POLY1305,
                SealingBlockStore.DEFAULT_FRAME_SIZE);
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
