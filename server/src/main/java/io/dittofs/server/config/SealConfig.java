package io.dittofs.server.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How a block store seals what it stores: every object compressed, then envelope-encrypted, in
 * frames (see docs/architecture.md, "Sealed remote"). What an object was sealed with is recorded
 * in it, so these settings can change later and old objects still read.
 *
 * @param compression {@code zstd} (default), {@code lz4} or {@code none}; data that does not
 *     shrink is stored raw whatever this says
 * @param zstdLevel the zstd level, -7 to 22 (default 3)
 * @param encryption {@code aes-256-gcm} (default when a key file is given), {@code
 *     chacha20-poly1305} or {@code none}
 * @param keyFile the key-encryption key file (32 bytes, mode 0600; created when missing); needed
 *     for encryption
 * @param frameSize plaintext bytes per sealed frame, 4096 to 16777216 (default 65536): the most a
 *     small ranged read fetches and opens
 */
public record SealConfig(
        @Nullable String compression,
        @Nullable Integer zstdLevel,
        @Nullable String encryption,
        @Nullable Path keyFile,
        @Nullable Integer frameSize) {

    /** The encryption asked for: as given, else AES-256-GCM when a key file is given, else none. */
    public String effectiveEncryption() {
        if (encryption != null) {
            return encryption;
        }
        return keyFile == null ? "none" : "aes-256-gcm";
    }
}
