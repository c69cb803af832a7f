package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.FsAssertions.failsWith;
import static io.dittofs.runtime.fs.TestShare.ALICE;
import static io.dittofs.runtime.fs.TestShare.BOB;
import static io.dittofs.runtime.fs.TestShare.CAROL;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.store.metadata.Xattrs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class XattrRulesTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    /** alice owns it, group 50 (alice and bob) is its group, carol is "other". */
    private NodeId aliceFile(int mode) {
        NodeId f = t.file(ALICE, t.root(), "f" + Integer.toOctalString(mode), mode);
        fs.setAttributes(ALICE, f, SetAttributes.NONE.withOwner(null, 50), null);
        return f;
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void userAttributesAreSetReadListedAndRemoved() {
        NodeId f = aliceFile(0644);
        fs.setXattr(ALICE, f, "user.mime", b("text/plain"), XattrSetMode.CREATE_OR_REPLACE);
        fs.setXattr(ALICE, f, "user.a", new byte[0], XattrSetMode.CREATE_OR_REPLACE);
        assertThat(fs.getXattr(ALICE, f, "user.mime")).isEqualTo(b("text/plain"));
        assertThat(fs.listXattrs(ALICE, f)).containsExactly("user.a", "user.mime");
        fs.removeXattr(ALICE, f, "user.mime");
        failsWith(ErrorCode.NOT_FOUND, () -> fs.getXattr(ALICE, f, "user.mime"));
        failsWith(ErrorCode.NOT_FOUND, () -> fs.removeXattr(ALICE, f, "user.mime"));
        assertThat(fs.listXattrs(ALICE, f)).containsExactly("user.a");
    }

    @Test
    void readingNeedsReadPermissionAndChangingNeedsWritePermission() {
        NodeId f = aliceFile(0640);
        fs.setXattr(ALICE, f, "user.k", b("v"), XattrSetMode.CREATE_OR_REPLACE);
        assertThat(fs.getXattr(BOB, f, "user.k")).as("group may read").isEqualTo(b("v"));
        assertThat(fs.listXattrs(BOB, f)).containsExactly("user.k");
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.setXattr(BOB, f, "user.k", b("w"), XattrSetMode.CREATE_OR_REPLACE));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.removeXattr(BOB, f, "user.k"));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.getXattr(CAROL, f, "user.k"));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.listXattrs(CAROL, f));
        fs.setXattr(ROOT, f, "user.k", b("root"), XattrSetMode.CREATE_OR_REPLACE);
        assertThat(fs.getXattr(ALICE, f, "user.k")).isEqualTo(b("root"));
    }

    @Test
    void createAndReplaceFlagsBehaveAsSetxattrs() {
        NodeId f = aliceFile(0644);
        failsWith(ErrorCode.NOT_FOUND, () -> fs.setXattr(ALICE, f, "user.x", b("1"), XattrSetMode.REPLACE));
        fs.setXattr(ALICE, f, "user.x", b("1"), XattrSetMode.CREATE);
        failsWith(ErrorCode.EXISTS, () -> fs.setXattr(ALICE, f, "user.x", b("2"), XattrSetMode.CREATE));
        fs.setXattr(ALICE, f, "user.x", b("3"), XattrSetMode.REPLACE);
        assertThat(fs.getXattr(ALICE, f, "user.x")).isEqualTo(b("3"));
    }

    @Test
    void trustedAttributesAreTheSuperusersAndHiddenFromOthers() {
        NodeId f = aliceFile(0666);
        failsWith(
                ErrorCode.NOT_PERMITTED,
                () -> fs.setXattr(ALICE, f, "trusted.t", b("x"), XattrSetMode.CREATE_OR_REPLACE));
        fs.setXattr(ROOT, f, "trusted.t", b("x"), XattrSetMode.CREATE_OR_REPLACE);
        fs.setXattr(ALICE, f, "user.u", b("y"), XattrSetMode.CREATE_OR_REPLACE);
        failsWith(ErrorCode.NOT_PERMITTED, () -> fs.getXattr(ALICE, f, "trusted.t"));
        assertThat(fs.listXattrs(ALICE, f)).containsExactly("user.u");
        assertThat(fs.listXattrs(ROOT, f)).containsExactly("trusted.t", "user.u");
        failsWith(
                ErrorCode.NOT_PERMITTED,
                () -> fs.setXattr(ALICE, f, "security.selinux", b("x"), XattrSetMode.CREATE_OR_REPLACE));
    }

    @Test
    void namesValuesAndNamespacesAreChecked() {
        NodeId f = aliceFile(0644);
        failsWith(ErrorCode.NOT_SUPPORTED, () -> fs.setXattr(ALICE, f, "plain", b("x"), XattrSetMode.CREATE));
        failsWith(ErrorCode.NOT_SUPPORTED, () -> fs.setXattr(ALICE, f, "user.", b("x"), XattrSetMode.CREATE));
        failsWith(ErrorCode.NOT_SUPPORTED, () -> fs.getXattr(ALICE, f, "system.posix_acl_access"));
        failsWith(ErrorCode.INVALID_NAME, () -> fs.setXattr(ALICE, f, "", b("x"), XattrSetMode.CREATE));
        failsWith(ErrorCode.INVALID_NAME, () -> fs.setXattr(ALICE, f, "user.a\0b", b("x"), XattrSetMode.CREATE));
        failsWith(
                ErrorCode.NAME_TOO_LONG,
                () -> fs.setXattr(ALICE, f, "user." + "n".repeat(251), b("x"), XattrSetMode.CREATE));
        fs.setXattr(ALICE, f, "user." + "n".repeat(250), new byte[Xattrs.MAX_VALUE_BYTES], XattrSetMode.CREATE);
        failsWith(
                ErrorCode.INVALID_ARGUMENT,
                () -> fs.setXattr(ALICE, f, "user.big", new byte[Xattrs.MAX_VALUE_BYTES + 1], XattrSetMode.CREATE));
    }

    @Test
    void userAttributesBelongToFilesAndDirectoriesOnly() {
        NodeId l = fs.createSymlink(ALICE, t.root(), "l", "target", SetAttributes.NONE)
                .created()
                .id();
        failsWith(ErrorCode.NOT_PERMITTED, () -> fs.setXattr(ALICE, l, "user.x", b("1"), XattrSetMode.CREATE));
        failsWith(ErrorCode.NOT_FOUND, () -> fs.getXattr(ALICE, l, "user.x"));
        NodeId d = t.dir(ALICE, t.root(), "d", 0777);
        fs.setXattr(ALICE, d, "user.x", b("1"), XattrSetMode.CREATE);
        assertThat(fs.getXattr(BOB, d, "user.x")).isEqualTo(b("1"));
    }

    @Test
    void inAStickyDirectoryOnlyItsOwnerChangesItsAttributes() {
        NodeId d = t.dir(ALICE, t.root(), "tmp", 01777);
        failsWith(ErrorCode.NOT_PERMITTED, () -> fs.setXattr(BOB, d, "user.x", b("1"), XattrSetMode.CREATE));
        fs.setXattr(ALICE, d, "user.x", b("1"), XattrSetMode.CREATE);
    }

    @Test
    void aChangeMovesCtimeAndTheChangeAttributeButNotMtime() {
        NodeId f = aliceFile(0644);
        Attributes before = t.attrs(f);
        t.clock.advance(Duration.ofSeconds(5));
        fs.setXattr(ALICE, f, "user.x", b("1"), XattrSetMode.CREATE);
        Attributes afterSet = t.attrs(f);
        assertThat(afterSet.ctime()).isGreaterThan(before.ctime());
        assertThat(afterSet.change()).isGreaterThan(before.change());
        assertThat(afterSet.mtime()).isEqualTo(before.mtime());
        t.clock.advance(Duration.ofSeconds(5));
        fs.removeXattr(ALICE, f, "user.x");
        assertThat(t.attrs(f).ctime()).isGreaterThan(afterSet.ctime());
    }

    @Test
    void attributesFollowTheInodeAcrossHardLinksAndRenames() {
        NodeId f = aliceFile(0644);
        fs.setXattr(ALICE, f, "user.x", b("kept"), XattrSetMode.CREATE);
        fs.link(ALICE, f, t.root(), "g");
        fs.rename(ALICE, t.root(), "f644", t.root(), "h");
        fs.remove(ALICE, t.root(), "h");
        NodeId g = fs.lookup(ALICE, t.root(), "g").id();
        assertThat(fs.getXattr(ALICE, g, "user.x")).isEqualTo(b("kept"));
        fs.remove(ALICE, t.root(), "g");
        failsWith(ErrorCode.STALE, () -> fs.getXattr(ROOT, g, "user.x"));
    }

    @Test
    void aReadOnlyShareRefusesChanges() {
        TestShare ro = new TestShare(ShareOptions.DEFAULTS.withReadOnly(true), TestShare.SETTINGS);
        failsWith(
                ErrorCode.READ_ONLY,
                () -> ro.fs.setXattr(ROOT, ro.root(), "user.x", b("1"), XattrSetMode.CREATE_OR_REPLACE));
        failsWith(ErrorCode.NOT_FOUND, () -> ro.fs.getXattr(ROOT, ro.root(), "user.x"));
    }
}
