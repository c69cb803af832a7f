package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.FsAssertions.failsWith;
import static io.dittofs.runtime.fs.TestShare.ALICE;
import static io.dittofs.runtime.fs.TestShare.BOB;
import static io.dittofs.runtime.fs.TestShare.CAROL;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.error.ErrorCode;
import org.junit.jupiter.api.Test;

class PermissionRulesTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    /** alice owns it, group 50 (alice and bob) is its group, carol is "other". */
    private NodeId fileWithMode(int mode) {
        NodeId f = t.file(ALICE, t.root(), "f" + Integer.toOctalString(mode), mode);
        fs.setAttributes(ALICE, f, SetAttributes.NONE.withOwner(null, 50), null);
        return f;
    }

    @Test
    void ownerGroupAndOtherEachGetTheirOwnBits() {
        NodeId f = fileWithMode(0640);
        t.write(ALICE, f, 0, "secret");
        assertThat(t.read(ALICE, f, 0, 100)).isEqualTo("secret");
        assertThat(t.read(BOB, f, 0, 100)).as("group may read").isEqualTo("secret");
        failsWith(ErrorCode.ACCESS_DENIED, () -> t.read(CAROL, f, 0, 100));
        failsWith(ErrorCode.ACCESS_DENIED, () -> t.write(BOB, f, 0, "x"));
    }

    @Test
    void theOwnerClassDecidesEvenWhenItGrantsLessThanOthers() {
        NodeId d = t.dir(ALICE, t.root(), "d", 0077);
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.lookup(ALICE, d, "x"));
        failsWith(ErrorCode.NOT_FOUND, () -> fs.lookup(CAROL, d, "x"));
    }

    @Test
    void theSuperuserReadsAndWritesAnythingButExecutesOnlyWithAnExecuteBit() {
        NodeId f = fileWithMode(0000);
        t.write(ROOT, f, 0, "root was here");
        assertThat(t.read(ROOT, f, 0, 100)).isEqualTo("root was here");
        assertThat(fs.access(ROOT, f, Access.EXECUTE)).isZero();
        fs.setAttributes(ROOT, f, SetAttributes.mode(0001), null);
        assertThat(fs.access(ROOT, f, Access.EXECUTE)).isEqualTo(Access.EXECUTE);
    }

    @Test
    void theOwnerMayReadAndWriteDataWhateverTheModeAsKnfsdAllows() {
        NodeId f = fileWithMode(0444);
        t.write(ALICE, f, 0, "cp -p wrote this");
        assertThat(t.read(ALICE, f, 0, 100)).isEqualTo("cp -p wrote this");
        assertThat(fs.access(ALICE, f, Access.MODIFY))
                .as("ACCESS still reports the mode")
                .isZero();
    }

    @Test
    void creatingAndLookingUpNeedWriteAndExecuteOnTheDirectory() {
        NodeId ro = t.dir(ALICE, t.root(), "ro", 0755);
        failsWith(ErrorCode.ACCESS_DENIED, () -> t.file(BOB, ro, "x", 0644));
        NodeId noX = t.dir(ALICE, t.root(), "nox", 0766);
        failsWith(ErrorCode.ACCESS_DENIED, () -> t.file(BOB, noX, "x", 0644));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.lookup(BOB, noX, "anything"));
        NodeId open = t.dir(ALICE, t.root(), "open", 0777);
        t.file(BOB, open, "x", 0644);
        assertThat(fs.lookup(CAROL, open, "x").uid()).isEqualTo(1001);
    }

    @Test
    void listingNeedsReadOnTheDirectory() {
        NodeId d = t.dir(ALICE, t.root(), "d", 0711);
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.readDirectory(CAROL, d, 0, 0, 10, false));
        assertThat(fs.readDirectory(ALICE, d, 0, 0, 10, false).entries()).isEmpty();
    }

    @Test
    void accessReportsWhatTheModeGrants() {
        NodeId f = fileWithMode(0750);
        NodeId d = t.dir(ALICE, t.root(), "d", 0750);
        fs.setAttributes(ALICE, d, SetAttributes.NONE.withOwner(null, 50), null);
        assertThat(fs.access(ALICE, f, Access.ALL))
                .isEqualTo(Access.READ | Access.MODIFY | Access.EXTEND | Access.EXECUTE);
        assertThat(fs.access(BOB, f, Access.ALL)).isEqualTo(Access.READ | Access.EXECUTE);
        assertThat(fs.access(CAROL, f, Access.ALL)).isZero();
        assertThat(fs.access(ALICE, d, Access.ALL))
                .isEqualTo(Access.READ | Access.LOOKUP | Access.MODIFY | Access.EXTEND | Access.DELETE);
        assertThat(fs.access(BOB, d, Access.ALL)).isEqualTo(Access.READ | Access.LOOKUP);
        assertThat(fs.access(ALICE, f, Access.READ)).as("only requested bits").isEqualTo(Access.READ);
    }

    @Test
    void onlyTheOwnerOrTheSuperuserChangesModeAndOnlyTheSuperuserGivesFilesAway() {
        NodeId f = fileWithMode(0644);
        failsWith(ErrorCode.NOT_PERMITTED, () -> fs.setAttributes(BOB, f, SetAttributes.mode(0777), null));
        failsWith(
                ErrorCode.NOT_PERMITTED,
                () -> fs.setAttributes(ALICE, f, SetAttributes.NONE.withOwner(1001, null), null));
        failsWith(
                ErrorCode.NOT_PERMITTED,
                () -> fs.setAttributes(ALICE, f, SetAttributes.NONE.withOwner(null, 1002), null));
        fs.setAttributes(ALICE, f, SetAttributes.NONE.withOwner(null, 1000), null);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withOwner(1002, 1002), null);
        assertThat(t.attrs(f).uid()).isEqualTo(1002);
    }

    @Test
    void theStickyBitLetsOnlyOwnersRemove() {
        NodeId tmp = t.dir(ROOT, t.root(), "tmp", 01777);
        t.file(ALICE, tmp, "alices", 0666);
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.remove(BOB, tmp, "alices"));
        fs.remove(ALICE, tmp, "alices");
        t.file(BOB, tmp, "bobs", 0666);
        fs.remove(ROOT, tmp, "bobs");
        NodeId plain = t.dir(ROOT, t.root(), "plain", 0777);
        t.file(ALICE, plain, "alices", 0600);
        fs.remove(BOB, plain, "alices");
    }

    @Test
    void settingTimesToNowNeedsWriteAccessButExplicitTimesNeedOwnership() {
        NodeId f = fileWithMode(0664);
        fs.setAttributes(BOB, f, SetAttributes.NONE.withTimes(SetTime.NOW, SetTime.NOW), null);
        failsWith(
                ErrorCode.NOT_PERMITTED,
                () -> fs.setAttributes(BOB, f, SetAttributes.NONE.withTimes(null, SetTime.at(5)), null));
        failsWith(
                ErrorCode.ACCESS_DENIED,
                () -> fs.setAttributes(CAROL, f, SetAttributes.NONE.withTimes(SetTime.NOW, null), null));
        fs.setAttributes(ALICE, f, SetAttributes.NONE.withTimes(SetTime.at(7), SetTime.at(5)), null);
        assertThat(t.attrs(f).mtime()).isEqualTo(5);
        assertThat(t.attrs(f).atime()).isEqualTo(7);
    }

    @Test
    void truncatingNeedsWriteAccess() {
        NodeId f = fileWithMode(0644);
        t.write(ALICE, f, 0, "0123456789");
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.setAttributes(BOB, f, SetAttributes.NONE.withSize(0L), null));
        fs.setAttributes(ALICE, f, SetAttributes.NONE.withSize(4L), null);
        assertThat(t.read(ALICE, f, 0, 100)).isEqualTo("0123");
    }
}
