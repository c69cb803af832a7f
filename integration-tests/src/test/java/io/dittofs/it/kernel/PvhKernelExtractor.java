package io.dittofs.it.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Extracts the uncompressed ELF {@code vmlinux} from a compressed kernel image ({@code
 * bzImage}), so QEMU can boot it through its PVH entry point. This skips the kernel's own
 * decompressor, which under TCG is about half of a boot (Debian's XZ kernel: ~3 s of ~6 s to the
 * script).
 *
 * <p>The payload is found by its magic number and unpacked with the distribution's {@code xz},
 * {@code zstd} or {@code gzip}; only a result that is an ELF with a PVH note is kept. When none
 * is, the guest boots the compressed image as before: slower, never wrong.
 */
final class PvhKernelExtractor {

    private record Codec(String command, byte[] magic) {}

    private static final List<Codec> CODECS = List.of(
            new Codec("xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
            new Codec("zstd", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
            new Codec("gzip", new byte[] {0x1f, (byte) 0x8b, 0x08}));

    /** The payload follows the small setup code; later matches are chance bytes inside it. */
    private static final int MAX_TRIES_PER_CODEC = 4;

    private PvhKernelExtractor() {}

    /** The extracted kernel, cached; empty when this image or host does not allow it. */
    static Optional<CachedFile> extract(GuestKernel kernel, ImageCache cache) throws IOException, InterruptedException {
        String name =
                "vmlinux-" + kernel.version() + "-" + ImageCache.key(ImageCache.fingerprint(kernel.image())) + ".elf";
        return cache.getOrBuild(name, target -> writeTo(kernel.image(), target, cache.dir()));
    }

    private static boolean writeTo(Path image, Path target, Path workDir) throws IOException, InterruptedException {
        byte[] bytes = Files.readAllBytes(image);
        for (Codec codec : CODECS) {
            if (HostCheck.executable(codec.command()).isEmpty()) {
                continue;
            }
            int at = indexOf(bytes, codec.magic(), 0);
            for (int tries = 0; at >= 0 && tries < MAX_TRIES_PER_CODEC; tries++) {
                if (unpack(codec, bytes, at, target, workDir) && Elf.hasPvhEntry(target)) {
                    return true;
                }
                at = indexOf(bytes, codec.magic(), at + 1);
            }
        }
        return false;
    }

    /** Feeds the image from {@code offset} to the decompressor; trailing bytes are expected. */
    private static boolean unpack(Codec codec, byte[] bytes, int offset, Path target, Path workDir)
            throws IOException, InterruptedException {
        Path payload = Files.createTempFile(workDir, "payload-", "." + codec.command());
        try {
            Files.write(payload, Arrays.copyOfRange(bytes, offset, bytes.length));
            List<String> command = codec.command().equals("xz")
                    ? List.of("xz", "-dcq", "--single-stream", payload.toString())
                    : List.of(codec.command(), "-dcq", payload.toString());
            Process process = new ProcessBuilder(command)
                    .redirectOutput(target.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.waitFor();
            // The exit status is not trusted either way (gzip and zstd complain about the
            // trailing bytes); the caller checks what came out.
            return Files.size(target) > 0;
        } finally {
            Files.deleteIfExists(payload);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
