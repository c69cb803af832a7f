package io.dittofs.store.block.filesystem;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.BlockStoreConformanceTest;
import java.nio.file.Path;

/** Runs the block store conformance suite against {@link FilesystemBlockStore}, reopen included. */
class FilesystemBlockStoreConformanceTest extends BlockStoreConformanceTest {

    @Override
    protected BlockStore createStore(Path scratchDir) {
        return new FilesystemBlockStore(scratchDir.resolve("blocks"));
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
