package io.dittofs.store.block.pipeline.hash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The native BLAKE3 library: the official C code, built by {@code src/main/c/build-native.sh}
 * into {@code /dittofs-native/<os>-<arch>/libdittofs_blake3.so} inside the jar, copied to a
 * private temporary file and opened once per JVM with the FFM API.
 *
 * <p>Loading never throws: when the library is missing (built without gcc, another platform) or
 * cannot be opened, {@link #unavailableReason()} says why and callers use the pure-Java hasher.
 */
public final class NativeBlake3 {
    static final String SYMBOL = "dittofs_blake3_hash";

    private NativeBlake3() {}

    /** The downcall handle {@code void dittofs_blake3_hash(key, in, len, out)}, when loaded. */
    static Optional<MethodHandle> handle() {
        return Optional.ofNullable(Holder.HANDLE);
    }

    /** Whether the native hasher can be used in this JVM. */
    public static boolean isAvailable() {
        return Holder.HANDLE != null;
    }

    /** Why the native hasher cannot be used, or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Holder.REASON);
    }

    /** The library's resource path for this platform. */
    static String resourcePath() {
        // Platform detection, not configuration: the only way to pick the right binary.
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("linux") ? "linux" : os.replace(' ', '_');
        String archPart =
                switch (arch) {
                    case "amd64", "x86_64" -> "x86_64";
                    case "aarch64", "arm64" -> "aarch64";
                    default -> arch;
                };
        return "/dittofs-native/" + osPart + "-" + archPart + "/libdittofs_blake3.so";
    }

    private static final class Holder {
        static final @Nullable MethodHandle HANDLE;
        static final @Nullable String REASON;

        static {
            MethodHandle handle = null;
            String reason = null;
            try {
                handle = load();
            } catch (RuntimeException | LinkageError e) {
                reason = "native BLAKE3 could not be loaded: " + e;
            }
            if (handle == null && reason == null) {
                reason = "native BLAKE3 library not in the jar at " + resourcePath()
                        + " (built without a C compiler, or not built for this platform)";
            }
            HANDLE = handle;
            REASON = reason;
        }

        private static @Nullable MethodHandle load() {
            String resource = resourcePath();
            Path file;
            try (InputStream in = NativeBlake3.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return null;
                }
                file = Files.createTempFile(
                        "dittofs-blake3-",
                        ".so",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("copying " + resource + " to a temporary file", e);
            }
            SymbolLookup lookup = SymbolLookup.libraryLookup(file, Arena.global());
            var symbol = lookup.find(SYMBOL)
                    .orElseThrow(() -> new IllegalStateException("no symbol " + SYMBOL + " in " + resource));
            // critical(true): no thread-state transition and heap arrays passed without copying.
            // Fine for chunk-sized inputs (tens of microseconds); the GC waits that long at most.
            return Linker.nativeLinker()
                    .downcallHandle(
                            symbol,
                            FunctionDescriptor.ofVoid(
                                    ValueLayout.ADDRESS,
                                    ValueLayout.ADDRESS,
                                    ValueLayout.JAVA_LONG,
                                    ValueLayout.ADDRESS),
                            Linker.Option.critical(true));
        }
    }
}
