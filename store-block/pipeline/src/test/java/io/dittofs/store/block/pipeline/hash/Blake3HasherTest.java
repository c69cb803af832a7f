package io.dittofs.store.block.pipeline.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every {@link ChunkHasher} against the official test vectors and against {@code b3sum}. */
class Blake3HasherTest {
    static final byte[] VECTOR_KEY = "whats the Elvish word for friend".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    record Vector(int length, String hash, String keyedHash) {}

    static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Blake3HasherTest.class.getResourceAsStream("/blake3-test-vectors.txt")),
                StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split("\\s+");
                    out.add(new Vector(Integer.parseInt(f[0]), f[1], f[2]));
                }
            }
        }
        return out;
    }

    static byte[] vectorInput(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    /** "java" always; "native" only where the library loads (the test then says why not). */
    static Stream<String> implementations() {
        return Stream.of("java", "native");
    }

    /** On CI nothing here may skip: a missing gcc or b3sum there is a broken setup. */
    static final boolean ON_CI = "true".equals(System.getenv("CI"));

    static ChunkHasher hasher(String impl, byte @Nullable [] key) {
        if (impl.equals("native")) {
            if (ON_CI) {
                assertThat(NativeBlake3.unavailableReason()).isEmpty();
            }
            assumeThat(NativeBlake3.isAvailable())
                    .as(NativeBlake3.unavailableReason().orElse(""))
                    .isTrue();
            return NativeBlake3Hasher.create(key);
        }
        return new JavaBlake3Hasher(key);
    }

    static Stream<Arguments> implementationsAndVectors() throws IOException {
        List<Vector> vs = vectors();
        return implementations().flatMap(i -> vs.stream().map(v -> Arguments.of(i, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("implementationsAndVectors")
    void matchesTheOfficialTestVectors(String impl, Vector v) {
        byte[] input = vectorInput(v.length());
        assertThat(hasher(impl, null).hash(ByteBuffer.wrap(input)).hex()).isEqualTo(v.hash());
        assertThat(hasher(impl, VECTOR_KEY).hash(ByteBuffer.wrap(input)).hex()).isEqualTo(v.keyedHash());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void hashesTheRemainingBytesOfAnyBufferAndLeavesItAsItWas(String impl) {
        ChunkHasher h = hasher(impl, null);
        byte[] input = vectorInput(9000);
        String expected = h.hash(ByteBuffer.wrap(input, 100, 8000).slice()).hex();

        ByteBuffer heap = ByteBuffer.wrap(input).position(100).limit(8100);
        ByteBuffer direct =
                ByteBuffer.allocateDirect(9000).put(input).position(100).limit(8100);
        ByteBuffer readOnly = heap.asReadOnlyBuffer();
        ByteBuffer offsetSlice =
                ByteBuffer.wrap(input).position(50).slice().position(50).limit(8050);
        for (ByteBuffer b : List.of(heap, direct, readOnly, offsetSlice, direct.asReadOnlyBuffer())) {
            int pos = b.position();
            int lim = b.limit();
            assertThat(h.hash(b).hex()).isEqualTo(expected);
            assertThat(b.position()).isEqualTo(pos);
            assertThat(b.limit()).isEqualTo(lim);
        }
    }

    @Test
    void nativeAndJavaAgreeOnRandomInputsOfManySizes() {
        ChunkHasher java = new JavaBlake3Hasher(null);
        ChunkHasher nat = hasher("native", null);
        Random rnd = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[rnd.nextInt(i < 200 ? 5000 : 300_000)];
            rnd.nextBytes(b);
            assertThat(nat.hash(ByteBuffer.wrap(b))).isEqualTo(java.hash(ByteBuffer.wrap(b)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native"})
    void matchesB3sumPlainAndKeyed(String impl) throws Exception {
        if (ON_CI) {
            assertThat(b3sumAvailable()).as("b3sum must be installed on CI").isTrue();
        }
        assumeThat(b3sumAvailable())
                .as("b3sum is not installed (Debian package b3sum); cross-check skipped")
                .isTrue();
        Random rnd = new Random(11);
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        for (int size : new int[] {0, 1, 64, 1024, 1025, 65_536, 200_003, 1 << 20}) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path file = dir.resolve("in-" + size);
            Files.write(file, data);
            assertThat(hasher(impl, null).hash(ByteBuffer.wrap(data)).hex())
                    .as("plain, %d bytes", size)
                    .isEqualTo(b3sum(file, null));
            assertThat(hasher(impl, key).hash(ByteBuffer.wrap(data)).hex())
                    .as("keyed, %d bytes", size)
                    .isEqualTo(b3sum(file, key));
        }
    }

    @Test
    void keyedHashesDifferPerKeySoNamesDoNotLeakAcrossShares() {
        byte[] data = vectorInput(70_000);
        byte[] shareA = new byte[32];
        byte[] shareB = new byte[32];
        shareB[0] = 1;
        ChunkHash plain = Blake3Hashers.fastest(null).hash(ByteBuffer.wrap(data));
        ChunkHash a = Blake3Hashers.fastest(shareA).hash(ByteBuffer.wrap(data));
        ChunkHash b = Blake3Hashers.fastest(shareB).hash(ByteBuffer.wrap(data));
        assertThat(a).isNotEqualTo(b).isNotEqualTo(plain);
        assertThat(Blake3Hashers.pureJava(shareA).hash(ByteBuffer.wrap(data))).isEqualTo(a);
    }

    @Test
    void parallelHashingGivesTheSameHashesInOrder() {
        ChunkHasher h = Blake3Hashers.fastest(VECTOR_KEY);
        Random rnd = new Random(5);
        List<ByteBuffer> chunks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[rnd.nextInt(100_000)];
            rnd.nextBytes(b);
            chunks.add(ByteBuffer.wrap(b));
        }
        try (ParallelChunkHasher p = new ParallelChunkHasher(h, 4)) {
            List<ChunkHash> got = p.hashAll(chunks);
            assertThat(got).hasSize(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                assertThat(got.get(i)).isEqualTo(h.hash(chunks.get(i)));
            }
            assertThat(p.hashAll(List.of())).isEmpty();
        }
    }

    private static boolean b3sumAvailable() {
        try {
            return new ProcessBuilder("b3sum", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String b3sum(Path file, byte @Nullable [] key) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("b3sum", "--no-names"));
        if (key != null) {
            cmd.add("--keyed"); // reads the 32 raw key bytes from stdin
        }
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).start();
        try (var in = p.getOutputStream()) {
            if (key != null) {
                in.write(key);
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
