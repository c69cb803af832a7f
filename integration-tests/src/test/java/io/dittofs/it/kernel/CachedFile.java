package io.dittofs.it.kernel;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A file the harness derives once per machine (the initramfs, the extracted kernel) and keeps in
 * {@link GuestOptions#cacheDir()}.
 *
 * @param path the cached file
 * @param built true when this call built it, false when it came from the cache
 * @param buildTime how long building took (zero when cached)
 */
public record CachedFile(Path path, boolean built, Duration buildTime) {}
