package io.dittofs.runtime.content;

import io.dittofs.store.block.pipeline.hash.Blake3Hashers;
import io.dittofs.store.block.pipeline.hash.ChunkHasher;
import io.dittofs.store.block.pipeline.hash.ParallelChunkHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

/**
 * Names chunks by keyed BLAKE3 with one secret key per share (see the hash package's
 * documentation for why: chunk existence must not leak across shares or tenants, and the remote
 * never sees a plain hash of the data). The key is 32 random bytes made with the share's local
 * tier, in {@code chunk-name.key} (mode 0600); it must be kept (backed up) with the share's
 * metadata: without it, stored chunks cannot be verified and new writes stop deduplicating
 * against old ones.
 *
 * <p>Threading: thread-safe.
 */
final class ChunkNamer implements AutoCloseable {
    static final String KEY_FILE = "chunk-name.key";

    private final ChunkHasher hasher;
    private final ParallelChunkHasher parallel;

    ChunkNamer(Path localDir) {
        this.hasher = Blake3Hashers.fastest(loadOrCreateKey(localDir.resolve(KEY_FILE)));
        this.parallel =
                new ParallelChunkHasher(hasher, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    String name(ByteBuffer chunk) {
        return hasher.hash(chunk).hex();
    }

    /** The names of many chunks, hashed on every core. */
    List<String> names(List<ByteBuffer> chunks) {
        return parallel.hashAll(chunks).stream().map(h -> h.hex()).toList();
    }

    String hasherName() {
        return hasher.name();
    }

    private static byte[] loadOrCreateKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = file.resolveSibling(KEY_FILE + ".tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(tmp, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IOException(file + " holds " + key.length + " bytes, not a 32-byte key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the chunk-naming key " + file, e);
        }
    }

    @Override
    public void close() {
        parallel.close();
    }
}
