package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.TestShare.ALICE;
import static io.dittofs.runtime.fs.TestShare.BOB;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetIdRulesTest {
    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    private NodeId program(int mode) {
        NodeId f = t.file(ALICE, t.root(), "prog" + Integer.toOctalString(mode), 0644);
        fs.setAttributes(ALICE, f, SetAttributes.NONE.withOwner(null, 50), null);
        fs.setAttributes(ALICE, f, SetAttributes.mode(mode), null);
        return f;
    }

    @Test
    void aWriteByAnotherUserClearsSetuidAndSetgidWithGroupExecute() {
        NodeId f = program(06775);
        t.write(BOB, f, 0, "patched");
        assertThat(t.attrs(f).mode()).isEqualTo(0775);
    }

    @Test
    void setgidWithoutGroupExecuteIsMandatoryLockingAndSurvivesAWrite() {
        NodeId f = program(06764);
        t.write(BOB, f, 0, "patched");
        assertThat(t.attrs(f).mode()).isEqualTo(02764);
    }

    @Test
    void aWriteByTheSuperuserKeepsTheBits() {
        NodeId f = program(06755);
        t.write(ROOT, f, 0, "patched");
        assertThat(t.attrs(f).mode()).isEqualTo(06755);
    }

    @Test
    void changingTheOwnerClearsSetuid() {
        NodeId f = program(04755);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withOwner(1001, null), null);
        assertThat(t.attrs(f).mode()).isEqualTo(0755);
    }

    @Test
    void aNonMemberCannotSetSetgidOnAFile() {
        NodeId f = t.file(ALICE, t.root(), "f", 0644);
        fs.setAttributes(ROOT, f, SetAttributes.NONE.withOwner(null, 1002), null);
        fs.setAttributes(ALICE, f, SetAttributes.mode(02755), null);
        assertThat(t.attrs(f).mode()).isEqualTo(0755);
    }

    @Test
    void aSetgidDirectoryGivesNewEntriesItsGroupAndSubdirectoriesTheBit() {
        NodeId d = t.dir(ROOT, t.root(), "team", 0777);
        fs.setAttributes(ROOT, d, SetAttributes.NONE.withOwner(null, 50), null);
        fs.setAttributes(ROOT, d, SetAttributes.mode(02777), null);
        NodeId f = t.file(ALICE, d, "f", 0644);
        NodeId sub = t.dir(ALICE, d, "sub", 0755);
        assertThat(t.attrs(f).gid()).isEqualTo(50);
        assertThat(t.attrs(sub).gid()).isEqualTo(50);
        assertThat(t.attrs(sub).mode() & 02000).isEqualTo(02000);
    }
}
