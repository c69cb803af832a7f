package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.FsAssertions.failsWith;
import static io.dittofs.runtime.fs.TestShare.ALICE;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.share.ShareOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    @Test
    void badNamesAreRefusedAndNothingEscapesTheShare() {
        for (String bad : List.of("", ".", "..", "a/b", "/etc", "nul\0byte")) {
            failsWith(ErrorCode.INVALID_NAME, () -> t.file(ROOT, t.root(), bad, 0644));
        }
        failsWith(ErrorCode.NAME_TOO_LONG, () -> t.file(ROOT, t.root(), "x".repeat(256), 0644));
        t.file(ROOT, t.root(), "é".repeat(127) + "x", 0644); // exactly 255 bytes
        failsWith(ErrorCode.NAME_TOO_LONG, () -> t.file(ROOT, t.root(), "é".repeat(128), 0644));
        assertThat(fs.lookup(ROOT, t.root(), "..").id())
                .as("the root's parent is the root")
                .isEqualTo(t.root());
        assertThat(fs.lookup(ROOT, t.root(), ".").id()).isEqualTo(t.root());
        failsWith(ErrorCode.INVALID_NAME, () -> fs.lookup(ROOT, t.root(), "../etc"));
        failsWith(ErrorCode.INVALID_NAME, () -> fs.lookup(ROOT, t.root(), "a\0"));
    }

    @Test
    void dotDotOfASubdirectoryIsItsParent() {
        NodeId a = t.dir(ROOT, t.root(), "a", 0755);
        NodeId b = t.dir(ROOT, a, "b", 0755);
        assertThat(fs.lookup(ROOT, b, "..").id()).isEqualTo(a);
    }

    @Test
    void caseInsensitiveLookupPrefersAnExactMatchThenTheOldestVariant() {
        NodeId upper = t.file(ROOT, t.root(), "README", 0644);
        NodeId lower = t.file(ROOT, t.root(), "readme", 0644);
        assertThat(fs.lookupIgnoringCase(ROOT, t.root(), "readme").id()).isEqualTo(lower);
        assertThat(fs.lookupIgnoringCase(ROOT, t.root(), "ReadMe").id()).isEqualTo(upper);
        failsWith(ErrorCode.NOT_FOUND, () -> fs.lookup(ROOT, t.root(), "ReadMe"));
    }

    @Test
    void guardedCreateFailsOnAnExistingNameAndUncheckedOpensIt() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        t.write(ROOT, f, 0, "data");
        failsWith(ErrorCode.EXISTS, () -> t.file(ROOT, t.root(), "f", 0644));
        CreateResult again = fs.createFile(ROOT, t.root(), "f", SetAttributes.NONE, CreateMode.UNCHECKED);
        assertThat(again.existed()).isTrue();
        assertThat(again.created().id()).isEqualTo(f);
        assertThat(again.created().size()).as("no size asked: content kept").isEqualTo(4);
        CreateResult truncating =
                fs.createFile(ROOT, t.root(), "f", SetAttributes.NONE.withSize(0L), CreateMode.UNCHECKED);
        assertThat(truncating.created().size()).isZero();
        assertThat(t.read(ROOT, f, 0, 10)).isEmpty();
    }

    @Test
    void anExclusiveCreateIsIdempotentForItsOwnVerifierOnly() {
        CreateResult first = fs.createFile(ROOT, t.root(), "x", SetAttributes.NONE, new CreateMode.Exclusive(77));
        CreateResult retransmit = fs.createFile(ROOT, t.root(), "x", SetAttributes.NONE, new CreateMode.Exclusive(77));
        assertThat(retransmit.existed()).isTrue();
        assertThat(retransmit.created().id()).isEqualTo(first.created().id());
        failsWith(
                ErrorCode.EXISTS,
                () -> fs.createFile(ROOT, t.root(), "x", SetAttributes.NONE, new CreateMode.Exclusive(78)));
    }

    @Test
    void symlinksKeepTheirTargetVerbatim() {
        CreateResult c = fs.createSymlink(ROOT, t.root(), "l", "../../outside/the/share", SetAttributes.NONE);
        assertThat(c.created().type()).isEqualTo(FileType.SYMLINK);
        assertThat(c.created().size()).isEqualTo("../../outside/the/share".length());
        assertThat(fs.readLink(ROOT, c.created().id())).isEqualTo("../../outside/the/share");
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        failsWith(ErrorCode.NOT_SYMLINK, () -> fs.readLink(ROOT, f));
    }

    @Test
    void onlyTheSuperuserCreatesDeviceFilesButAnyoneCreatesFifos() {
        NodeId open = t.dir(ROOT, t.root(), "open", 0777);
        failsWith(
                ErrorCode.NOT_PERMITTED,
                () -> fs.createSpecial(ALICE, open, "sda", FileType.BLOCK_DEVICE, 8L << 32, SetAttributes.NONE));
        Attributes dev = fs.createSpecial(ROOT, open, "sda", FileType.BLOCK_DEVICE, (8L << 32) | 1, SetAttributes.NONE)
                .created();
        assertThat(dev.rdev()).isEqualTo((8L << 32) | 1);
        assertThat(fs.createSpecial(ALICE, open, "pipe", FileType.FIFO, 0, SetAttributes.NONE)
                        .created()
                        .type())
                .isEqualTo(FileType.FIFO);
    }

    @Test
    void readDirectoryCookiesSurviveConcurrentAdditionsAndRemovals() {
        NodeId d = t.dir(ROOT, t.root(), "d", 0755);
        for (int i = 0; i < 10; i++) {
            t.file(ROOT, d, "f" + i, 0644);
        }
        DirectoryListing first = fs.readDirectory(ROOT, d, 0, 0, 4, true);
        assertThat(first.entries()).extracting(DirectoryEntry::name).containsExactly("f0", "f1", "f2", "f3");
        assertThat(first.eof()).isFalse();
        assertThat(first.entries().getFirst().attributes()).isNotNull();
        fs.remove(ROOT, d, "f3");
        fs.remove(ROOT, d, "f4");
        t.file(ROOT, d, "late", 0644);
        List<String> rest = new ArrayList<>();
        long cookie = first.entries().getLast().cookie();
        DirectoryListing page;
        do {
            page = fs.readDirectory(ROOT, d, cookie, first.verifier(), 3, false);
            page.entries().forEach(e -> rest.add(e.name()));
            if (!page.entries().isEmpty()) {
                cookie = page.entries().getLast().cookie();
            }
        } while (!page.eof());
        assertThat(rest).containsExactly("f5", "f6", "f7", "f8", "f9", "late");
        assertThat(page.entries().isEmpty() || page.entries().getFirst().attributes() == null)
                .isTrue();
    }

    @Test
    void aCookieVerifierFromAnotherDirectoryIsRefused() {
        NodeId a = t.dir(ROOT, t.root(), "a", 0755);
        NodeId b = t.dir(ROOT, t.root(), "b", 0755);
        t.file(ROOT, a, "x", 0644);
        t.file(ROOT, b, "y", 0644);
        DirectoryListing la = fs.readDirectory(ROOT, a, 0, 0, 10, false);
        DirectoryListing lb = fs.readDirectory(ROOT, b, 0, 0, 10, false);
        org.junit.jupiter.api.Assumptions.assumeTrue(la.verifier() != lb.verifier(), "generations collided");
        failsWith(
                ErrorCode.BAD_COOKIE,
                () -> fs.readDirectory(ROOT, a, la.entries().getFirst().cookie(), lb.verifier(), 10, false));
    }

    @Test
    void aReadOnlyShareRefusesEveryChangeButServesReads() {
        TestShare ro = new TestShare(ShareOptions.DEFAULTS.withReadOnly(true), TestShare.SETTINGS);
        failsWith(ErrorCode.READ_ONLY, () -> ro.file(ROOT, ro.root(), "f", 0644));
        failsWith(ErrorCode.READ_ONLY, () -> ro.fs.setAttributes(ROOT, ro.root(), SetAttributes.mode(0700), null));
        assertThat(ro.fs.readDirectory(ROOT, ro.root(), 0, 0, 10, false).entries())
                .isEmpty();
        assertThat(ro.fs.access(ROOT, ro.root(), Access.ALL)).isEqualTo(Access.READ | Access.LOOKUP);
    }

    @Test
    void aSetattrGuardMustMatchTheCurrentCtime() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        long ctime = t.attrs(f).ctime();
        failsWith(ErrorCode.GUARD_MISMATCH, () -> fs.setAttributes(ROOT, f, SetAttributes.mode(0600), ctime + 1));
        fs.setAttributes(ROOT, f, SetAttributes.mode(0600), ctime);
        assertThat(t.attrs(f).mode()).isEqualTo(0600);
    }

    @Test
    void operationsOnTheWrongKindOfFileFailClearly() {
        NodeId f = t.file(ROOT, t.root(), "f", 0644);
        NodeId d = t.dir(ROOT, t.root(), "d", 0755);
        failsWith(ErrorCode.NOT_DIRECTORY, () -> fs.lookup(ROOT, f, "x"));
        failsWith(ErrorCode.NOT_DIRECTORY, () -> t.file(ROOT, f, "x", 0644));
        failsWith(ErrorCode.IS_DIRECTORY, () -> fs.read(ROOT, d, 0, 10));
        failsWith(ErrorCode.IS_DIRECTORY, () -> t.write(ROOT, d, 0, "x"));
    }
}
