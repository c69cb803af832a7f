package io.dittofs.store.block.filesystem;

import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockKey;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.block.KeyPage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlockStore} that keeps each object as one file under a root directory, laid out as
 * {@link KeyLayout} describes ({@code a/b/c} is {@code root/a+/b+/c}).
 *
 * <p>A put writes a new file in {@code root/#tmp}, forces it to disk, renames it over the
 * object's file ({@code ATOMIC_MOVE}, so readers see the old file or the new one whole; a reader
 * that opened the old file keeps reading it), then fsyncs the directory that holds it, and that
 * directory's parents the first time this store uses them ({@link DirectoryTree}). When put
 * returns the object survives a machine crash. Files are never written in place.
 *
 * <p>A delete removes the file and prunes the directories it leaves empty, but does not fsync:
 * after a crash a deleted object may come back. Objects are garbage once deleted, so that costs
 * space, not correctness.
 *
 * <p>The root must be on a local, case-sensitive file system, used by one store at a time
 * (enforced with a file lock). All methods are thread-safe; {@link #close()} releases the lock,
 * after which other methods throw {@link IllegalStateException}.
 */
public final class FilesystemBlockStore implements BlockStore {

    private static final Logger LOG = LoggerFactory.getLogger(FilesystemBlockStore.class);

    /** The largest array the JVM reliably allocates. */
    private static final int MAX_WHOLE_OBJECT = Integer.MAX_VALUE - 8;

    private final StoreRoot root;
    private final KeyLayout layout;
    private final DirectoryTree tree;
    private final KeyLister lister;
    private volatile boolean closed;

    /**
     * Opens the store at {@code root}, creating the directory if needed and removing temporary
     * files that interrupted puts left behind.
     *
     * @throws BlockStoreException if the root cannot be created or locked, or is in use
     */
    public FilesystemBlockStore(Path root) {
        try {
            this.root = StoreRoot.open(root);
        } catch (IOException e) {
            throw IoErrors.wrap("open", root, e);
        }
        this.layout = new KeyLayout(this.root.path());
        this.tree = new DirectoryTree(this.root.path());
        this.lister = new KeyLister(layout);
    }

    /** The root directory, absolute. */
    public Path root() {
        return root.path();
    }

    @Override
    public void put(String key, ByteBuffer data) {
        Path target = layout.objectPath(key);
        checkOpen();
        Path temporary = root.newTemporaryFile();
        try {
            writeDurably(temporary, data.duplicate());
            long token = tree.moveIntoPlace(temporary, target);
            tree.makeDurable(target.getParent(), token);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw IoErrors.wrap("put", key, target, e);
        }
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
        Path path = layout.objectPath(key);
        checkOpen();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_WHOLE_OBJECT) {
                throw new BlockStoreException(
                        BlockStoreException.Kind.IO,
                        "object '" + key + "' of " + size + " bytes is too large to get whole");
            }
            return Optional.of(read(channel, 0, (int) size, size, key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoErrors.wrap("get", key, path, e);
        }
    }

    @Override
    public Optional<ByteBuffer> get(String key, long offset, int length) {
        Path path = layout.objectPath(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range: offset " + offset + ", length " + length);
        }
        checkOpen();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.min(offset, size);
            int count = (int) Math.min(length, size - start);
            return Optional.of(read(channel, start, count, size, key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoErrors.wrap("get", key, path, e);
        }
    }

    @Override
    public Optional<BlockInfo> stat(String key) {
        Path path = layout.objectPath(key);
        checkOpen();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(new BlockInfo(key, attributes.size())) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoErrors.wrap("stat", key, path, e);
        }
    }

    @Override
    public boolean delete(String key) {
        Path path = layout.objectPath(key);
        checkOpen();
        try {
            if (!Files.deleteIfExists(path)) {
                return false;
            }
        } catch (IOException e) {
            throw IoErrors.wrap("delete", key, path, e);
        }
        try {
            tree.prune(path.getParent());
        } catch (IOException e) {
            // The object is gone; an empty directory left behind costs an inode, nothing more.
            LOG.warn("Could not remove empty directory {} of block store {}", path.getParent(), root(), e);
        }
        return true;
    }

    @Override
    public KeyPage list(String prefix, @Nullable String startAfter, int limit) {
        if (!BlockKey.isValidPrefix(prefix)) {
            throw new BlockStoreException(BlockStoreException.Kind.INVALID_KEY, "invalid key prefix: '" + prefix + "'");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        checkOpen();
        try {
            return lister.list(prefix, startAfter, limit);
        } catch (IOException e) {
            throw IoErrors.wrap("list of prefix '" + prefix + "'", root(), e);
        }
    }

    /** The total and usable space of the file system that holds the root. */
    @Override
    public Capacity capacity() {
        checkOpen();
        try {
            FileStore fileStore = Files.getFileStore(root());
            long total = fileStore.getTotalSpace();
            return new Capacity(total, Math.min(fileStore.getUsableSpace(), total));
        } catch (IOException e) {
            throw IoErrors.wrap("capacity", root(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } catch (IOException e) {
            throw IoErrors.wrap("close", root(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("block store at " + root() + " is closed");
        }
    }

    private static void writeDurably(Path file, ByteBuffer data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (data.hasRemaining()) {
                channel.write(data);
            }
            channel.force(true);
        }
    }

    /** {@code count} bytes from {@code start} by positional reads, as a read-only buffer. */
    private static ByteBuffer read(FileChannel channel, long start, int count, long size, String key)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, start + buffer.position()) < 0) {
                throw new BlockStoreException(
                        BlockStoreException.Kind.CORRUPT,
                        "object '" + key + "' ended at " + (start + buffer.position()) + " of " + size + " bytes");
            }
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not remove temporary file {}; it goes at the next open", file, e);
        }
    }
}
