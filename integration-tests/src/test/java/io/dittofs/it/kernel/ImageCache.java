package io.dittofs.it.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The directory of derived boot files. Names carry a hash of their inputs, so a changed input
 * gets a new file and nothing is ever rebuilt in place; a file lock (plus a JVM monitor, since
 * file locks are per process) makes concurrent test JVMs build each file once.
 */
final class ImageCache {

    /** Writes the file to {@code target}; returns false when it cannot be built here. */
    @FunctionalInterface
    interface Build {
        boolean writeTo(Path target) throws IOException, InterruptedException;
    }

    private static final Object JVM_LOCK = new Object();

    private final Path dir;

    ImageCache(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The cached file {@code name}, built with {@code build} if absent; empty if it could not be. */
    Optional<CachedFile> getOrBuild(String name, Build build) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        Files.createDirectories(dir);
        synchronized (JVM_LOCK) {
            try (FileChannel lockFile = FileChannel.open(
                            dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                if (Files.isRegularFile(file)) {
                    return Optional.of(new CachedFile(file, false, Duration.ZERO));
                }
                long start = System.nanoTime();
                Path partial = dir.resolve(name + ".partial");
                try {
                    if (!build.writeTo(partial)) {
                        return Optional.empty();
                    }
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
                return Optional.of(new CachedFile(file, true, Duration.ofNanos(System.nanoTime() - start)));
            }
        }
    }

    /** The first 12 hex digits of SHA-256 over {@code parts}. */
    static String key(byte[]... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (byte[] part : parts) {
            digest.update(part);
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 6);
    }

    /** Size and modification time, enough to notice a package upgrade of {@code file}. */
    static byte[] fingerprint(Path file) throws IOException {
        return (file + "@" + Files.size(file) + "@" + Files.getLastModifiedTime(file))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
