package io.dittofs.store.block.filesystem;

import io.dittofs.store.block.BlockStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's root directory and the two names it keeps there for itself: {@code #lock}, held
 * with an OS file lock while the store is open so that two stores never share a root, and
 * {@code #tmp}, where puts write before they rename into place. Neither name can be a key
 * segment ({@code #} is outside the key alphabet), so neither ever shows up in a listing.
 *
 * <p>Opening removes whatever is left in {@code #tmp}: puts that a crash interrupted.
 */
final class StoreRoot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRoot.class);

    static final String TMP = "#tmp";
    static final String LOCK = "#lock";

    private final Path root;
    private final Path tmp;
    private final FileChannel lockChannel;
    private final AtomicLong nextTemp = new AtomicLong();

    private StoreRoot(Path root, Path tmp, FileChannel lockChannel) {
        this.root = root;
        this.tmp = tmp;
        this.lockChannel = lockChannel;
    }

    /** Creates {@code root} if needed, locks it, and clears out stale temporary files. */
    static StoreRoot open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Path parent = dir.getParent();
            if (parent != null) {
                DirectoryTree.fsync(parent);
            }
        }
        Path tmp = Files.createDirectories(dir.resolve(TMP));
        FileChannel lockChannel =
                FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (tryLock(lockChannel) == null) {
                throw new BlockStoreException(
                        BlockStoreException.Kind.IO, "block store root " + dir + " is in use by another open store");
            }
            StoreRoot opened = new StoreRoot(dir, tmp, lockChannel);
            opened.removeStaleTemporaryFiles();
            opened.requireCaseSensitive();
            return opened;
        } catch (IOException | RuntimeException e) {
            lockChannel.close(); // also releases the lock
            throw e;
        }
    }

    Path path() {
        return root;
    }

    /** A fresh name in {@code #tmp}; nothing exists there yet. */
    Path newTemporaryFile() {
        return tmp.resolve("put-" + nextTemp.incrementAndGet());
    }

    @Override
    public void close() throws IOException {
        lockChannel.close();
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another store in this JVM
        }
    }

    private void removeStaleTemporaryFiles() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(tmp)) {
            for (Path file : stale) {
                Files.delete(file);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} temporary files left by interrupted writes in {}", removed, tmp);
        }
    }

    /** Keys {@code a} and {@code A} are different; a file system that folds case would merge them. */
    private void requireCaseSensitive() throws IOException {
        Path probe = tmp.resolve("case-probe");
        Files.createFile(probe);
        try {
            if (Files.exists(tmp.resolve("CASE-PROBE"))) {
                throw new BlockStoreException(
                        BlockStoreException.Kind.IO,
                        "block store root " + root + " is on a case-insensitive file system; keys are case-sensitive");
            }
        } finally {
            Files.delete(probe);
        }
    }
}
