package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeRulesTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    private void tick() {
        t.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void creatingAFileSetsItsFourTimesAndTheParentsMtimeAndCtime() {
        Attributes rootBefore = t.attrs(t.root());
        tick();
        CreateResult c = fs.createFile(ROOT, t.root(), "f", SetAttributes.mode(0644), CreateMode.GUARDED);
        Attributes f = c.created();
        assertThat(f.atime()).isEqualTo(f.mtime()).isEqualTo(f.ctime()).isEqualTo(f.birthtime());
        assertThat(c.directory().before().mtime()).isEqualTo(rootBefore.mtime());
        assertThat(c.directory().after().mtime()).isEqualTo(f.mtime()).isGreaterThan(rootBefore.mtime());
        assertThat(c.directory().after().ctime()).isEqualTo(f.ctime());
    }

    @Test
    void aWriteMovesMtimeCtimeAndChangeButNotAtimeOrBirthtime() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        Attributes before = t.attrs(f);
        tick();
        WriteResult w = fs.write(ROOT, f, 0, java.nio.ByteBuffer.wrap(new byte[] {1}), Stability.UNSTABLE);
        assertThat(w.after().mtime()).isGreaterThan(before.mtime());
        assertThat(w.after().ctime()).isEqualTo(w.after().mtime());
        assertThat(w.after().change()).isGreaterThan(before.change());
        assertThat(w.after().atime()).isEqualTo(before.atime());
        assertThat(w.after().birthtime()).isEqualTo(before.birthtime());
        assertThat(w.before().mtime()).isEqualTo(before.mtime());
    }

    @Test
    void chmodMovesOnlyCtime() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        Attributes before = t.attrs(f);
        tick();
        Attributes after =
                fs.setAttributes(ROOT, f, SetAttributes.mode(0600), null).after();
        assertThat(after.ctime()).isGreaterThan(before.ctime());
        assertThat(after.mtime()).isEqualTo(before.mtime());
        assertThat(after.atime()).isEqualTo(before.atime());
    }

    @Test
    void truncatingToANewSizeMovesMtime() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.write(ROOT, f, 0, "abc");
        Attributes before = t.attrs(f);
        tick();
        Attributes after =
                fs.setAttributes(ROOT, f, SetAttributes.NONE.withSize(1L), null).after();
        assertThat(after.mtime()).isGreaterThan(before.mtime());
        assertThat(after.size()).isEqualTo(1);
    }

    @Test
    void aLinkMovesTheFilesCtimeAndTheDirectorysMtime() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        Attributes before = t.attrs(f);
        tick();
        LinkResult l = fs.link(ROOT, f, t.root(), "g");
        assertThat(l.file().ctime()).isGreaterThan(before.ctime());
        assertThat(l.file().mtime()).isEqualTo(before.mtime());
        assertThat(l.directory().after().mtime())
                .isGreaterThan(l.directory().before().mtime());
    }

    @Test
    void readingMovesAtimeOnlyWhenItIsOlderThanTheLastChangeOrADay() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.write(ROOT, f, 0, "x");
        tick();
        long firstRead = fs.read(ROOT, f, 0, 1).attributes().atime();
        assertThat(firstRead).isGreaterThan(t.attrs(f).mtime());
        tick();
        assertThat(fs.read(ROOT, f, 0, 1).attributes().atime())
                .as("relatime: no update")
                .isEqualTo(firstRead);
        t.clock.advance(Duration.ofDays(2));
        assertThat(fs.read(ROOT, f, 0, 1).attributes().atime()).isGreaterThan(firstRead);
    }

    @Test
    void theChangeCounterNeverGoesBackwardsEvenIfTheClockDoes() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        long c1 = t.attrs(f).change();
        t.clock.advance(Duration.ofHours(-5));
        fs.setAttributes(ROOT, f, SetAttributes.mode(0600), null);
        assertThat(t.attrs(f).change()).isGreaterThan(c1);
    }
}
