package io.dittofs.store.block.filesystem;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The directories under the store root: created on demand by puts, made durable, and pruned when
 * a delete leaves them empty.
 *
 * <p>Threading: many puts and deletes run at once. A put holds the read lock of {@link #lock}
 * from creating its object's directories until the object is moved in; a prune holds the write
 * lock while it removes directories. So a prune never removes a directory between a put's
 * {@code mkdir} and its {@code rename}, and once the object is in, the directory is not empty
 * and cannot be pruned.
 *
 * <p>Durability: a put's new directory entry is durable only when the directory that holds it
 * is fsynced, and that directory's own entry only when its parent is, up to the root. {@link
 * #durable} remembers directories whose entry was already fsynced so that a put in a known
 * directory costs one directory fsync, not one per level. An entry is added only under the read
 * lock and only if no prune ran since the put moved its object in ({@link #prunes} unchanged),
 * and a prune removes the entry of every directory it deletes, so the set never vouches for a
 * directory that was deleted and created again. If a directory is in the set, so are all its
 * parents: they were added together, and a parent can only be deleted after its children.
 */
final class DirectoryTree {

    private final Path root;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Path> durable = ConcurrentHashMap.newKeySet();

    /** Directories deleted so far; written under the write lock, read under the read lock. */
    private long prunes;

    DirectoryTree(Path root) {
        this.root = root;
    }

    /**
     * Renames {@code source} to {@code target} atomically, replacing any old file and creating
     * the directories above {@code target} as needed.
     *
     * @return a token for {@link #makeDurable}
     */
    long moveIntoPlace(Path source, Path target) throws IOException {
        lock.readLock().lock();
        try {
            try {
                Files.move(source, target, ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                Files.createDirectories(target.getParent());
                Files.move(source, target, ATOMIC_MOVE);
            }
            return prunes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes durable the entry just moved into {@code dir} and the entries of {@code dir} and each
     * directory above it, skipping those known to be durable already.
     */
    void makeDurable(Path dir, long token) throws IOException {
        List<Path> synced = new ArrayList<>();
        try {
            fsync(dir);
            for (Path d = dir; !d.equals(root) && !durable.contains(d); d = d.getParent()) {
                fsync(d.getParent());
                synced.add(d);
            }
        } catch (NoSuchFileException e) {
            return; // a concurrent delete removed the object and pruned: nothing left to keep
        }
        if (synced.isEmpty()) {
            return;
        }
        lock.readLock().lock();
        try {
            if (prunes == token) {
                durable.addAll(synced);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Deletes {@code dir} if it is empty, then each parent left empty, never the root. Deletions
     * are not fsynced: an empty directory that comes back after a crash holds no key.
     */
    void prune(Path dir) throws IOException {
        if (dir.equals(root) || !dir.startsWith(root)) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (Path d = dir; !d.equals(root); d = d.getParent()) {
                try {
                    Files.delete(d);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    return;
                }
                prunes++;
                durable.remove(d);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Flushes {@code dir}'s entries to stable storage (Linux: fsync on a read-only descriptor). */
    static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
