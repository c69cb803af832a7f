package io.dittofs.store.block.pipeline.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastCdcTest {
    private static final ChunkerConfig SMALL = new ChunkerConfig(2 * 1024, 8 * 1024, 32 * 1024, 2);

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    record Span(long offset, int length) {}

    static List<Span> spans(List<ByteBuffer> chunks) {
        List<Span> out = new ArrayList<>();
        long off = 0;
        for (ByteBuffer c : chunks) {
            out.add(new Span(off, c.remaining()));
            off += c.remaining();
        }
        return out;
    }

    static List<Span> streamed(ChunkerConfig config, byte[] data, Random cuts, boolean direct) {
        List<Span> out = new ArrayList<>();
        Chunker chunker = new Chunker(config, (offset, chunk) -> out.add(new Span(offset, chunk.remaining())));
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(
                    data.length - pos, cuts.nextInt(10) == 0 ? 1 + cuts.nextInt(3) : 1 + cuts.nextInt(150_000));
            ByteBuffer piece =
                    direct ? ByteBuffer.allocateDirect(n).put(data, pos, n).flip() : ByteBuffer.wrap(data, pos, n);
            chunker.accept(piece);
            assertThat(piece.hasRemaining()).isFalse();
            pos += n;
        }
        chunker.finish();
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void boundariesDoNotDependOnHowTheStreamIsSplitIntoBuffers(boolean direct) {
        byte[] data = random(6 << 20, 1);
        List<Span> whole = spans(Chunker.split(ChunkerConfig.DEFAULT, ByteBuffer.wrap(data)));
        for (long seed = 0; seed < 3; seed++) {
            assertThat(streamed(ChunkerConfig.DEFAULT, data, new Random(seed), direct))
                    .isEqualTo(whole);
        }
        List<Span> small = spans(Chunker.split(SMALL, ByteBuffer.wrap(data)));
        assertThat(streamed(SMALL, data, new Random(9), direct)).isEqualTo(small);
    }

    @Test
    void theWordAtATimeArrayScanAndTheBytewiseBufferScanAgree() {
        // Heap buffers take the eight-bytes-per-load path, direct ones the plain one-byte loop.
        for (ChunkerConfig c : List.of(
                new ChunkerConfig(64, 256, 1024, 2),
                new ChunkerConfig(100, 333, 999, 1),
                new ChunkerConfig(64, 200, 4096, 3),
                SMALL)) {
            byte[] data = random(2 << 20, c.avgSize());
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
            assertThat(spans(Chunker.split(c, direct)))
                    .as("%s", c)
                    .isEqualTo(spans(Chunker.split(c, ByteBuffer.wrap(data))));
        }
    }

    @Test
    void streamedChunksCarryTheRightBytes() {
        byte[] data = random(3 << 20, 2);
        List<ByteBuffer> got = new ArrayList<>();
        Chunker chunker = new Chunker(SMALL, (offset, chunk) -> {
            assertThat(chunk).isEqualTo(ByteBuffer.wrap(data, (int) offset, chunk.remaining()));
            got.add(chunk);
        });
        Random cuts = new Random(4);
        for (int pos = 0; pos < data.length; ) {
            int n = Math.min(data.length - pos, 1 + cuts.nextInt(20_000));
            chunker.accept(ByteBuffer.wrap(data, pos, n));
            pos += n;
        }
        chunker.finish();
        assertThat(got.stream().mapToInt(ByteBuffer::remaining).sum()).isEqualTo(data.length);
    }

    @Test
    void chunkSizesStayWithinMinAndMaxExceptTheLastChunk() {
        for (ChunkerConfig c : List.of(ChunkerConfig.DEFAULT, SMALL, new ChunkerConfig(4096, 16384, 65536, 0))) {
            List<ByteBuffer> chunks = Chunker.split(c, ByteBuffer.wrap(random(8 << 20, 3)));
            for (int i = 0; i < chunks.size() - 1; i++) {
                assertThat(chunks.get(i).remaining()).isBetween(c.minSize() + 1, c.maxSize());
            }
            assertThat(chunks.getLast().remaining()).isBetween(1, c.maxSize());
        }
    }

    @Test
    void measuredAverageOnRandomDataIsTheConfiguredAverage() {
        // Default: 64 MiB is ~1000 chunks; standard error of the mean ~1.5%.
        assertAverage(ChunkerConfig.DEFAULT, random(64 << 20, 10), 0.05);
        // 8 KiB average: ~4000 chunks in 32 MiB, tighter.
        assertAverage(SMALL, random(32 << 20, 11), 0.03);
        assertAverage(new ChunkerConfig(4096, 16384, 131072, 1), random(32 << 20, 12), 0.04);
    }

    private static void assertAverage(ChunkerConfig c, byte[] data, double tolerance) {
        List<ByteBuffer> chunks = Chunker.split(c, ByteBuffer.wrap(data));
        double mean = (double) data.length / chunks.size();
        assertThat(mean / c.avgSize()).as("mean %.0f for %s", mean, c).isCloseTo(1.0, within(tolerance));
    }

    @Test
    void theDerivedNormalSizeMakesTheExpectedSizeTheAverage() {
        FastCdc.Parameters p = FastCdc.Parameters.derive(ChunkerConfig.DEFAULT);
        assertThat(p.bits()).isEqualTo(16);
        assertThat(FastCdc.Parameters.expected(ChunkerConfig.DEFAULT, p.bits(), p.normalSize()))
                .isCloseTo(64 * 1024, within(4.0));
        assertThat(p.normalSize()).isBetween(50_000, 56_000);
    }

    @Test
    void insertingOneByteInTheMiddleChangesOnlyAFewChunks() {
        byte[] data = random(32 << 20, 20);
        byte[] edited = new byte[data.length + 1];
        int at = data.length / 2;
        System.arraycopy(data, 0, edited, 0, at);
        edited[at] = 42;
        System.arraycopy(data, at, edited, at + 1, data.length - at);

        Set<ByteBuffer> before = new HashSet<>(Chunker.split(ChunkerConfig.DEFAULT, ByteBuffer.wrap(data)));
        List<ByteBuffer> after = Chunker.split(ChunkerConfig.DEFAULT, ByteBuffer.wrap(edited));
        long changed = after.stream().filter(c -> !before.contains(c)).count();
        long changedBytes = after.stream()
                .filter(c -> !before.contains(c))
                .mapToLong(ByteBuffer::remaining)
                .sum();

        assertThat(changed).as("new chunks after a one-byte insert").isBetween(1L, 3L);
        assertThat(changedBytes).isLessThan(4L * ChunkerConfig.DEFAULT.maxSize());
    }

    @Test
    void goldenBoundariesPinTheGearTableAndMasks() {
        // Part of the storage format: if this fails, chunk boundaries moved and dedup against
        // already-stored data breaks. Change only with a format migration.
        assertThat(GearTable.GEAR[0]).isEqualTo(GOLDEN_GEAR_0);
        assertThat(GearTable.GEAR[255]).isEqualTo(GOLDEN_GEAR_255);
        assertThat(Long.toHexString(GearTable.mask(16))).isEqualTo(GOLDEN_MASK_16);
        List<Integer> lengths = Chunker.split(SMALL, ByteBuffer.wrap(random(200_000, 77))).stream()
                .map(ByteBuffer::remaining)
                .toList();
        assertThat(lengths).isEqualTo(GOLDEN_LENGTHS);
    }

    @Test
    void impossibleConfigurationsAreRejected() {
        assertThatThrownBy(() -> new ChunkerConfig(8192, 4096, 65536, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerConfig(32, 4096, 65536, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerConfig(4096, 8192, 65536, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final long GOLDEN_GEAR_0 = 2655238828515705974L;
    private static final long GOLDEN_GEAR_255 = -923609512354802611L;
    private static final String GOLDEN_MASK_16 = "4924924924920000";
    private static final List<Integer> GOLDEN_LENGTHS = List.of(
            7834, 11424, 6915, 8125, 11368, 9288, 8367, 7559, 11418, 10607, 3344, 12517, 8871, 10206, 8609, 8491, 10370,
            6978, 9979, 7467, 6787, 6839, 6637);
}
