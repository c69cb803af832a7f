package io.dittofs.store.block.memory;

import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.testkit.BlockStoreConformanceTest;
import java.nio.file.Path;

/** Runs the block store conformance suite against {@link MemoryBlockStore}. */
class MemoryBlockStoreTest extends BlockStoreConformanceTest {

    @Override
    protected BlockStore createStore(Path scratchDir) {
        return new MemoryBlockStore();
    }
}
