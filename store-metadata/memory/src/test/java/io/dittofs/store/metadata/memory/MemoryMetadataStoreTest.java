package io.dittofs.store.metadata.memory;

import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.testkit.MetadataStoreConformanceTest;
import java.nio.file.Path;

class MemoryMetadataStoreTest extends MetadataStoreConformanceTest {
    @Override
    protected MetadataStore open(Path dir) {
        return new MemoryMetadataStore();
    }
}
