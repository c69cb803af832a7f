package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.TestShare.ALICE;
import static io.dittofs.runtime.fs.TestShare.BOB;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import org.junit.jupiter.api.Test;

class RenameRulesTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
        } catch (FsException e) {
            return e.code();
        }
        throw new AssertionError("expected an FsException");
    }

    @Test
    void renameOverAnExistingFileReplacesItAndFreesItsData() {
        NodeId a = t.file(ROOT, t.root(), "a", 0644);
        NodeId b = t.file(ROOT, t.root(), "b", 0644);
        t.write(ROOT, b, 0, "old contents");
        fs.commit(ROOT, b);
        t.content().drain();
        assertThat(t.blocks.list("", null, 100).keys()).hasSize(1);

        RenameResult r = fs.rename(ROOT, t.root(), "a", t.root(), "b");

        assertThat(r.replaced()).isEqualTo(b);
        assertThat(fs.lookup(ROOT, t.root(), "b").id()).isEqualTo(a);
        assertThatThrownBy(() -> fs.lookup(ROOT, t.root(), "a"))
                .isInstanceOfSatisfying(
                        FsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(codeOf(() -> fs.getAttributes(ROOT, b))).isEqualTo(ErrorCode.STALE);
        assertThat(t.content().gc(java.time.Duration.ZERO, p -> {}).deleted())
                .as("the replaced file's chunk is released")
                .isEqualTo(1);
        assertThat(t.blocks.list("", null, 100).keys()).isEmpty();
    }

    @Test
    void renameOverAFileThatHasAnotherLinkKeepsItAlive() {
        NodeId a = t.file(ROOT, t.root(), "a", 0644);
        NodeId b = t.file(ROOT, t.root(), "b", 0644);
        fs.link(ROOT, b, t.root(), "b2");
        fs.rename(ROOT, t.root(), "a", t.root(), "b");
        assertThat(t.attrs(b).nlink()).isEqualTo(1);
        assertThat(fs.lookup(ROOT, t.root(), "b2").id()).isEqualTo(b);
        assertThat(fs.lookup(ROOT, t.root(), "b").id()).isEqualTo(a);
    }

    @Test
    void aDirectoryReplacesOnlyAnEmptyDirectory() {
        NodeId src = t.dir(ROOT, t.root(), "src", 0755);
        NodeId full = t.dir(ROOT, t.root(), "full", 0755);
        t.file(ROOT, full, "x", 0644);
        t.dir(ROOT, t.root(), "empty", 0755);
        t.file(ROOT, t.root(), "plain", 0644);

        assertThat(codeOf(() -> fs.rename(ROOT, t.root(), "src", t.root(), "full")))
                .isEqualTo(ErrorCode.NOT_EMPTY);
        assertThat(codeOf(() -> fs.rename(ROOT, t.root(), "src", t.root(), "plain")))
                .isEqualTo(ErrorCode.NOT_DIRECTORY);
        assertThat(codeOf(() -> fs.rename(ROOT, t.root(), "plain", t.root(), "empty")))
                .isEqualTo(ErrorCode.IS_DIRECTORY);
        int rootLinks = t.attrs(t.root()).nlink();

        fs.rename(ROOT, t.root(), "src", t.root(), "empty");

        assertThat(fs.lookup(ROOT, t.root(), "empty").id()).isEqualTo(src);
        assertThat(t.attrs(t.root()).nlink()).as("one subdirectory fewer").isEqualTo(rootLinks - 1);
    }

    @Test
    void aDirectoryCannotMoveIntoItsOwnSubtree() {
        NodeId a = t.dir(ROOT, t.root(), "a", 0755);
        NodeId b = t.dir(ROOT, a, "b", 0755);
        NodeId c = t.dir(ROOT, b, "c", 0755);
        assertThat(codeOf(() -> fs.rename(ROOT, t.root(), "a", c, "a"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(codeOf(() -> fs.rename(ROOT, t.root(), "a", a, "self"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(fs.lookup(ROOT, t.root(), "a").id()).isEqualTo(a);
    }

    @Test
    void movingADirectoryAcrossParentsMovesItsLinkAndDotDot() {
        NodeId a = t.dir(ROOT, t.root(), "a", 0755);
        NodeId b = t.dir(ROOT, t.root(), "b", 0755);
        NodeId moved = t.dir(ROOT, a, "moved", 0755);
        assertThat(t.attrs(a).nlink()).isEqualTo(3);

        fs.rename(ROOT, a, "moved", b, "moved");

        assertThat(t.attrs(a).nlink()).isEqualTo(2);
        assertThat(t.attrs(b).nlink()).isEqualTo(3);
        assertThat(fs.lookup(ROOT, moved, "..").id()).isEqualTo(b);
    }

    @Test
    void renamingOneLinkOntoAnotherOfTheSameFileDoesNothing() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        fs.link(ROOT, f, t.root(), "g");
        fs.rename(ROOT, t.root(), "f", t.root(), "g");
        assertThat(fs.lookup(ROOT, t.root(), "f").id()).isEqualTo(f);
        assertThat(fs.lookup(ROOT, t.root(), "g").id()).isEqualTo(f);
        assertThat(t.attrs(f).nlink()).isEqualTo(2);
    }

    @Test
    void renameNeedsWriteOnBothDirectoriesAndRespectsTheStickyBit() {
        NodeId shared = t.dir(ROOT, t.root(), "tmp", 01777);
        t.file(ALICE, shared, "alices", 0644);
        assertThat(codeOf(() -> fs.rename(BOB, shared, "alices", shared, "stolen")))
                .isEqualTo(ErrorCode.ACCESS_DENIED);
        fs.rename(ALICE, shared, "alices", shared, "renamed");
        NodeId locked = t.dir(ROOT, t.root(), "locked", 0755);
        assertThat(codeOf(() -> fs.rename(ALICE, shared, "renamed", locked, "x")))
                .isEqualTo(ErrorCode.ACCESS_DENIED);
    }

    @Test
    void renameUpdatesBothDirectoriesTimesAndTheFilesCtime() {
        NodeId a = t.dir(ROOT, t.root(), "a", 0755);
        NodeId b = t.dir(ROOT, t.root(), "b", 0755);
        NodeId f = t.file(ROOT, a, "f", 0644);
        Attributes fBefore = t.attrs(f);
        t.clock.advance(java.time.Duration.ofSeconds(10));
        RenameResult r = fs.rename(ROOT, a, "f", b, "f");
        assertThat(r.from().after().mtime()).isGreaterThan(r.from().before().mtime());
        assertThat(r.to().after().mtime()).isGreaterThan(r.to().before().mtime());
        assertThat(t.attrs(f).ctime()).isGreaterThan(fBefore.ctime());
        assertThat(t.attrs(f).mtime()).isEqualTo(fBefore.mtime());
    }
}
