package io.dittofs.runtime.content.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteLogTest {
    private static final FileRef F = new FileRef(5, 9);

    @TempDir
    Path dir;

    private record Seen(LogRecord record, String data) {}

    private List<Seen> replay() {
        List<Seen> seen = new ArrayList<>();
        try (WriteLog log = WriteLog.open(dir, 4L << 20, (r, s, pos) -> {
            ByteBuffer b = ByteBuffer.allocate(r.length());
            s.read(pos, b);
            seen.add(new Seen(r, new String(b.array(), StandardCharsets.UTF_8)));
        })) {
            return seen;
        }
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toFile().length() > 0).findFirst().orElseThrow();
        }
    }

    @Test
    void recordsReplayInOrderWithTheirDataAndTruncations() {
        try (WriteLog log = WriteLog.open(dir, 4L << 20, (r, s, p) -> {})) {
            Appended a = log.write(F, 100, text("hello"));
            log.truncate(F, 3);
            log.write(F, 0, text("world!"));
            log.sync(a.ticket());
        }
        List<Seen> seen = replay();
        assertThat(seen)
                .extracting(s -> s.record().type())
                .containsExactly(LogRecord.WRITE, LogRecord.TRUNCATE, LogRecord.WRITE);
        assertThat(seen.get(0).data()).isEqualTo("hello");
        assertThat(seen.get(0).record().offset()).isEqualTo(100);
        assertThat(seen.get(1).record().offset()).isEqualTo(3);
        assertThat(seen.get(2).data()).isEqualTo("world!");
        assertThat(seen).extracting(s -> s.record().seq()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void replayStopsAtTheFirstRecordWhoseDataIsDamaged() throws IOException {
        try (WriteLog log = WriteLog.open(dir, 4L << 20, (r, s, p) -> {})) {
            log.write(F, 0, text("first"));
            log.write(F, 5, text("second"));
            log.write(F, 11, text("third"));
        }
        Path segment = onlySegment();
        long secondData = LogRecord.HEADER + 5 + LogRecord.HEADER;
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(new byte[] {'X'}), secondData + 2);
        }
        assertThat(replay()).extracting(Seen::data).containsExactly("first");
    }

    @Test
    void sequenceNumbersKeepGrowingAcrossReopensAndReleasedSegmentsGo() {
        long first;
        try (WriteLog log = WriteLog.open(dir, 4L << 20, (r, s, p) -> {})) {
            first = log.write(F, 0, text("a")).seq();
        }
        try (WriteLog log = WriteLog.open(dir, 4L << 20, (r, s, p) -> {})) {
            Appended b = log.write(F, 1, ByteBuffer.allocate(2 << 20));
            assertThat(b.seq()).isGreaterThan(first);
            assertThat(log.segmentCount()).isEqualTo(2);
            log.release(F, b.seq());
            assertThat(log.segmentCount())
                    .as("all rolled up: only a fresh segment is left")
                    .isEqualTo(1);
            assertThat(log.bytes()).isZero();
        }
        assertThat(replay()).isEmpty();
    }
}
