package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.FsAssertions.failsWith;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.error.ErrorCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private byte[] readAll(NodeId f, long offset, int count) {
        ByteBuffer b = fs.read(ROOT, f, offset, count).data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void writesSpanningManyBlocksReadBackExactly() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        byte[] data = random(4096 * 5 + 123, 1);
        fs.write(ROOT, f, 1000, ByteBuffer.wrap(data), Stability.UNSTABLE);
        assertThat(t.attrs(f).size()).isEqualTo(1000 + data.length);
        byte[] back = readAll(f, 1000, data.length);
        assertThat(back).isEqualTo(data);
        assertThat(readAll(f, 0, 1000)).as("the hole before reads as zeros").containsOnly((byte) 0);
    }

    @Test
    void readsStopAtEndOfFileAndSayEof() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.write(ROOT, f, 0, "hello");
        ReadResult r = fs.read(ROOT, f, 2, 100);
        assertThat(r.data().remaining()).isEqualTo(3);
        assertThat(r.eof()).isTrue();
        assertThat(fs.read(ROOT, f, 0, 2).eof()).isFalse();
        assertThat(fs.read(ROOT, f, 99, 10).data().remaining()).isZero();
    }

    @Test
    void writesAreLoggedLocallyAndReachTheRemoteOnlyThroughARollup() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.write(ROOT, f, 0, "unstable");
        assertThat(t.blocks.list("", null, 10).keys()).isEmpty();
        assertThat(t.read(ROOT, f, 0, 100)).as("reads see their own writes").isEqualTo("unstable");
        long syncs = t.content().logSyncs();
        fs.commit(ROOT, f);
        assertThat(t.content().logSyncs()).as("COMMIT fsyncs the write log").isGreaterThan(syncs);
        assertThat(t.blocks.list("", null, 10).keys())
                .as("durable locally, not yet remote")
                .isEmpty();
        NodeId g = t.file(ROOT, t.root(), "g", 0644);
        WriteResult w = fs.write(ROOT, g, 0, ByteBuffer.wrap(new byte[] {1, 2}), Stability.FILE_SYNC);
        assertThat(w.committed()).isEqualTo(Stability.FILE_SYNC);
        t.content().drain();
        assertThat(t.blocks.list("", null, 10).keys())
                .as("two small files rolled up together: one pack")
                .hasSize(1);
        assertThat(t.content().pendingFiles()).isZero();
        assertThat(t.read(ROOT, f, 0, 100)).isEqualTo("unstable");
    }

    @Test
    void shrinkingThenGrowingShowsZerosNotOldBytes() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        fs.write(ROOT, f, 0, ByteBuffer.wrap(random(10_000, 2)), Stability.FILE_SYNC);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withSize(100L), null);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withSize(10_000L), null);
        byte[] tail = readAll(f, 100, 9_900);
        assertThat(tail).hasSize(9_900).containsOnly((byte) 0);
        assertThat(readAll(f, 0, 100)).isEqualTo(java.util.Arrays.copyOf(random(10_000, 2), 100));
    }

    @Test
    void writesPastTheMaximumFileSizeFail() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        failsWith(
                ErrorCode.FILE_TOO_LARGE,
                () -> fs.write(
                        ROOT, f, PosixFileSystem.MAX_FILE_SIZE, ByteBuffer.wrap(new byte[1]), Stability.UNSTABLE));
        failsWith(ErrorCode.INVALID_ARGUMENT, () -> fs.read(ROOT, f, -1, 1));
    }

    @Test
    void readsAreClampedToTheMaximumReadSize() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withSize(2L * fs.info().maxReadSize()), null);
        assertThat(fs.read(ROOT, f, 0, Integer.MAX_VALUE).data().remaining())
                .isEqualTo(fs.info().maxReadSize());
    }

    @Test
    void removingAFileReleasesItsChunksForGarbageCollection() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        fs.write(ROOT, f, 0, ByteBuffer.wrap(random(200_000, 3)), Stability.FILE_SYNC);
        t.content().drain();
        assertThat(t.blocks.list("", null, 100).keys()).isNotEmpty();
        fs.remove(ROOT, t.root(), "f");
        assertThat(t.content().gc(Duration.ofHours(1), s -> {}).deleted())
                .as("nothing is collected inside the grace period")
                .isZero();
        assertThat(t.content().gc(Duration.ZERO, s -> {}).deleted()).isPositive();
        assertThat(t.blocks.list("", null, 100).keys()).isEmpty();
    }

    @Test
    void readsOfCommittedDataInsideOneBlockOrAcrossBlocksAndHolesAreExact() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        byte[] data = random(10_000, 9);
        fs.write(ROOT, f, 0, ByteBuffer.wrap(data), Stability.FILE_SYNC);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withSize(20_000L), null);
        assertThat(readAll(f, 100, 200)).as("inside block 0").isEqualTo(java.util.Arrays.copyOfRange(data, 100, 300));
        assertThat(readAll(f, 4000, 200))
                .as("across blocks 0 and 1")
                .isEqualTo(java.util.Arrays.copyOfRange(data, 4000, 4200));
        byte[] tail = readAll(f, 9_900, 300);
        assertThat(java.util.Arrays.copyOf(tail, 100)).isEqualTo(java.util.Arrays.copyOfRange(data, 9_900, 10_000));
        assertThat(java.util.Arrays.copyOfRange(tail, 100, 300))
                .as("past the stored tail")
                .containsOnly((byte) 0);
        assertThat(readAll(f, 16_384, 1_000)).as("a hole").containsOnly((byte) 0);
    }
}
