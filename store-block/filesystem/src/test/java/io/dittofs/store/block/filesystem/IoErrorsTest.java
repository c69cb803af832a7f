package io.dittofs.store.block.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.store.block.BlockStoreException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IoErrorsTest {

    private final Path path = Path.of("/srv/blocks/a+/b");

    @Test
    void aFullFileSystemIsNoSpace() {
        var full = IoErrors.wrap("put", "a/b", path, new IOException("No space left on device"));
        var quota = IoErrors.wrap(
                "put", "a/b", path, new FileSystemException("/srv/blocks/#tmp/put-1", null, "Disk quota exceeded"));

        assertThat(full.kind()).isEqualTo(BlockStoreException.Kind.NO_SPACE);
        assertThat(quota.kind()).isEqualTo(BlockStoreException.Kind.NO_SPACE);
    }

    @Test
    void aCauseFurtherDownCounts() {
        var nested = new IOException("write failed", new IOException("ENOSPC"));

        assertThat(IoErrors.wrap("put", "a/b", path, nested).kind()).isEqualTo(BlockStoreException.Kind.NO_SPACE);
    }

    @Test
    void otherFailuresAreIoAndNameTheKeyAndThePath() {
        IOException denied = new java.nio.file.AccessDeniedException(path.toString());

        BlockStoreException e = IoErrors.wrap("get", "a/b", path, denied);

        assertThat(e.kind()).isEqualTo(BlockStoreException.Kind.IO);
        assertThat(e)
                .hasMessageContaining("'a/b'")
                .hasMessageContaining(path.toString())
                .hasCause(denied);
    }
}
