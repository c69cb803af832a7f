package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.FsAssertions.failsWith;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.error.ErrorCode;
import org.junit.jupiter.api.Test;

class LinkCountTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    @Test
    void aDirectoryCountsItselfItsParentEntryAndItsSubdirectories() {
        assertThat(t.attrs(t.root()).nlink()).isEqualTo(2);
        NodeId a = t.dir(ROOT, t.root(), "a", 0755);
        t.dir(ROOT, a, "x", 0755);
        t.dir(ROOT, a, "y", 0755);
        t.file(ROOT, a, "f", 0644);
        assertThat(t.attrs(t.root()).nlink()).isEqualTo(3);
        assertThat(t.attrs(a).nlink()).isEqualTo(4);
        fs.removeDirectory(ROOT, a, "x");
        assertThat(t.attrs(a).nlink()).isEqualTo(3);
    }

    @Test
    void hardLinksShareOneInodeAndTheLastRemovalFreesIt() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.write(ROOT, f, 0, "shared bytes");
        NodeId d = t.dir(ROOT, t.root(), "d", 0755);
        LinkResult l = fs.link(ROOT, f, d, "g");
        assertThat(l.file().nlink()).isEqualTo(2);
        assertThat(t.read(ROOT, fs.lookup(ROOT, d, "g").id(), 0, 100)).isEqualTo("shared bytes");
        RemoveResult first = fs.remove(ROOT, t.root(), "f");
        assertThat(first.lastLink()).isFalse();
        assertThat(t.attrs(f).nlink()).isEqualTo(1);
        RemoveResult last = fs.remove(ROOT, d, "g");
        assertThat(last.lastLink()).isTrue();
        failsWith(ErrorCode.STALE, () -> t.attrs(f));
    }

    @Test
    void directoriesCannotBeHardLinked() {
        NodeId d = t.dir(ROOT, t.root(), "d", 0755);
        failsWith(ErrorCode.NOT_PERMITTED, () -> fs.link(ROOT, d, t.root(), "d2"));
    }

    @Test
    void removeAndRmdirEachRefuseTheOtherKind() {
        t.dir(ROOT, t.root(), "d", 0755);
        t.file(ROOT, t.root(), "f", 0644);
        failsWith(ErrorCode.IS_DIRECTORY, () -> fs.remove(ROOT, t.root(), "d"));
        failsWith(ErrorCode.NOT_DIRECTORY, () -> fs.removeDirectory(ROOT, t.root(), "f"));
    }

    @Test
    void rmdirRefusesANonEmptyDirectory() {
        NodeId d = t.dir(ROOT, t.root(), "d", 0755);
        t.file(ROOT, d, "f", 0644);
        failsWith(ErrorCode.NOT_EMPTY, () -> fs.removeDirectory(ROOT, t.root(), "d"));
        fs.remove(ROOT, d, "f");
        fs.removeDirectory(ROOT, t.root(), "d");
        failsWith(ErrorCode.STALE, () -> t.attrs(d));
    }

    @Test
    void aRecreatedNameIsANewFileAndTheOldHandleStaysStale() {
        NodeId old = t.file(ROOT, t.root(), "f", 0644);
        fs.remove(ROOT, t.root(), "f");
        NodeId fresh = t.file(ROOT, t.root(), "f", 0644);
        assertThat(fresh).isNotEqualTo(old);
        failsWith(ErrorCode.STALE, () -> t.attrs(old));
        failsWith(ErrorCode.STALE, () -> fs.getAttributes(ROOT, new NodeId(fresh.fileId(), fresh.generation() + 1)));
    }
}
