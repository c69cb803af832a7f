package io.dittofs.store.block.pipeline.seal;

import io.dittofs.crypto.envelope.AeadAlgorithm;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.BlockStoreConformanceTest;
import java.nio.file.Path;

/**
 * The block store contract holds through the sealing decorator (zstd, AES-256-GCM) over the
 * filesystem remote. Frames of 1000 bytes, so the suite's 5 MiB object has an index larger than
 * the first probe and ranged reads cross frame boundaries.
 */
class SealingBlockStoreConformanceTest extends BlockStoreConformanceTest {
    @Override
    protected BlockStore createStore(Path scratchDir) {
        return Remotes.sealed(
                Remotes.filesystem(scratchDir.resolve("remote")),
                scratchDir.resolve("kek"),
                AeadAlgorithm.AES_256_GCM,
                1000);
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
