package io.dittofs.runtime.fs;

import static io.dittofs.runtime.fs.FsAssertions.failsWith;
import static io.dittofs.runtime.fs.TestShare.ALICE;
import static io.dittofs.runtime.fs.TestShare.BOB;
import static io.dittofs.runtime.fs.TestShare.CAROL;
import static io.dittofs.runtime.fs.TestShare.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceFlags;
import io.dittofs.runtime.acl.AceMask;
import io.dittofs.runtime.acl.AceType;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.AclModes;
import io.dittofs.runtime.acl.Who;
import io.dittofs.runtime.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** ACLs through the file system: stored, returned, enforced and kept consistent with the mode. */
class AclRulesTest {
    private static final int RWX = AceMask.READ_DATA | AceMask.WRITE_DATA | AceMask.APPEND_DATA | AceMask.EXECUTE;
    private static final Who CAROL_ID = new Who.User(1002);
    private static final Who BOB_ID = new Who.User(1001);

    private final TestShare t = new TestShare();
    private final FileSystem fs = t.fs;

    @Test
    void aFileWithoutAnAclShowsTheAclOfItsMode() {
        NodeId f = t.file(ALICE, t.root(), "f", 0640);
        assertThat(fs.getAcl(CAROL, f)).isEqualTo(AclModes.fromMode(0640, false));
        assertThat(fs.listXattrs(ALICE, f)).isEmpty();
    }

    @Test
    void settingAnAclStoresItAndSetsTheModeItImplies() {
        NodeId f = t.file(ALICE, t.root(), "f", 04600);
        Acl acl = Acl.of(
                Ace.allow(Who.OWNER, RWX),
                Ace.allow(CAROL_ID, AceMask.READ_DATA),
                Ace.allow(Who.GROUP, AceMask.READ_DATA),
                Ace.allow(Who.EVERYONE, 0));
        long changeBefore = t.attrs(f).change();
        Attributes after = fs.setAcl(ALICE, f, acl);
        assertThat(Integer.toOctalString(after.mode())).isEqualTo("4740");
        assertThat(after.change()).isGreaterThan(changeBefore);
        assertThat(fs.getAcl(ALICE, f)).isEqualTo(acl);
        assertThat(fs.listXattrs(ALICE, f))
                .as("the stored ACL is no user attribute")
                .isEmpty();
        failsWith(ErrorCode.NOT_SUPPORTED, () -> fs.getXattr(ROOT, f, "system.dittofs.acl"));
    }

    @Test
    void onlyTheOwnerOrTheSuperuserSetsAnAcl() {
        NodeId f = t.file(ALICE, t.root(), "f", 0666);
        failsWith(ErrorCode.NOT_PERMITTED, () -> fs.setAcl(BOB, f, Acl.of()));
        fs.setAcl(ROOT, f, Acl.of(Ace.allow(BOB_ID, AceMask.WRITE_ACL | AceMask.READ_ACL)));
        fs.setAcl(BOB, f, Acl.of(Ace.allow(Who.EVERYONE, AceMask.READ_DATA)));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.getAcl(BOB, f));
        assertThat(fs.getAcl(ALICE, f).aces()).hasSize(1);
    }

    @Test
    void aDenyAceRefusesWhatTheModeWouldGrant() {
        NodeId f = t.file(ALICE, t.root(), "f", 0644);
        t.write(ALICE, f, 0, "secret");
        assertThat(t.read(CAROL, f, 0, 6)).isEqualTo("secret");
        Acl acl = Acl.of(
                Ace.deny(CAROL_ID, AceMask.READ_DATA),
                Ace.allow(Who.OWNER, RWX),
                Ace.allow(Who.EVERYONE, AceMask.READ_DATA));
        fs.setAcl(ALICE, f, acl);
        assertThat(Integer.toOctalString(t.attrs(f).mode())).isEqualTo("744");
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.read(CAROL, f, 0, 6));
        assertThat(fs.access(CAROL, f, Access.READ)).isZero();
        assertThat(t.read(BOB, f, 0, 6)).isEqualTo("secret");
        assertThat(t.read(ROOT, f, 0, 6)).as("the superuser keeps its powers").isEqualTo("secret");
    }

    @Test
    void anAllowAceGrantsWhatTheModeWouldNot() {
        NodeId d = t.dir(ALICE, t.root(), "d", 0700);
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.createFile(CAROL, d, "x", SetAttributes.NONE, CreateMode.GUARDED));
        fs.setAcl(ALICE, d, Acl.of(Ace.allow(Who.OWNER, RWX), Ace.allow(CAROL_ID, RWX)));
        fs.createFile(CAROL, d, "x", SetAttributes.NONE, CreateMode.GUARDED);
        assertThat(fs.lookup(CAROL, d, "x").uid()).isEqualTo(1002);
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.lookup(BOB, d, "x"));
    }

    @Test
    void chmodRewritesTheAclSoBothAgree() {
        NodeId f = t.file(ALICE, t.root(), "f", 0644);
        fs.setAcl(
                ALICE,
                f,
                Acl.of(
                        Ace.allow(Who.OWNER, RWX),
                        Ace.allow(CAROL_ID, AceMask.READ_DATA | AceMask.WRITE_DATA),
                        Ace.allow(Who.EVERYONE, AceMask.READ_DATA)));
        t.write(CAROL, f, 0, "ok");
        fs.setAttributes(ALICE, f, SetAttributes.mode(0640), null);
        Acl after = fs.getAcl(ALICE, f);
        assertThat(AclModes.modeOf(after)).isEqualTo(0640);
        assertThat(after.aces()).contains(Ace.allow(CAROL_ID, AceMask.READ_DATA));
        failsWith(ErrorCode.ACCESS_DENIED, () -> t.write(CAROL, f, 0, "no"));
        assertThat(t.read(CAROL, f, 0, 2)).isEqualTo("ok");
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.read(BOB, f, 0, 2));
    }

    @Test
    void newFilesAndDirectoriesInheritTheParentsInheritableAces() {
        NodeId d = t.dir(ALICE, t.root(), "d", 0777);
        Ace denyCarol =
                new Ace(AceType.DENY, AceFlags.FILE_INHERIT | AceFlags.DIRECTORY_INHERIT, AceMask.READ_DATA, CAROL_ID);
        fs.setAcl(
                ALICE,
                d,
                Acl.of(
                        denyCarol,
                        new Ace(
                                AceType.ALLOW,
                                AceFlags.FILE_INHERIT | AceFlags.DIRECTORY_INHERIT,
                                RWX | AceMask.DELETE_CHILD,
                                Who.EVERYONE),
                        Ace.allow(Who.OWNER, AceMask.READ_ACL)));
        CreateResult file = fs.createFile(ALICE, d, "f", SetAttributes.NONE, CreateMode.GUARDED);
        assertThat(Integer.toOctalString(file.created().mode()))
                .as("mode from the inherited ACL")
                .isEqualTo("777");
        NodeId fid = file.created().id();
        assertThat(fs.getAcl(ALICE, fid).aces()).first().isEqualTo(denyCarol.withFlags(AceFlags.INHERITED));
        t.write(BOB, fid, 0, "hi");
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.read(CAROL, fid, 0, 2));

        NodeId sub = fs.createDirectory(ALICE, d, "sub", SetAttributes.mode(0750))
                .created()
                .id();
        assertThat(Integer.toOctalString(t.attrs(sub).mode()))
                .as("a given mode wins")
                .isEqualTo("750");
        Acl subAcl = fs.getAcl(ALICE, sub);
        assertThat(AclModes.modeOf(subAcl)).isEqualTo(0750);
        assertThat(subAcl.aces())
                .contains(denyCarol.withFlags(AceFlags.FILE_INHERIT | AceFlags.DIRECTORY_INHERIT | AceFlags.INHERITED));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.readDirectory(CAROL, sub, 0, 0, 10, false));

        NodeId plain = t.dir(ALICE, t.root(), "plain", 0755);
        NodeId g = t.file(ALICE, plain, "g", 0600);
        assertThat(fs.getAcl(ALICE, g)).as("nothing to inherit").isEqualTo(AclModes.fromMode(0600, false));
    }

    @Test
    void anExplicitDeleteChildDenyOnTheDirectoryRefusesRemovalThatWriteWouldAllow() {
        NodeId d = t.dir(ALICE, t.root(), "shared", 0777);
        t.file(CAROL, d, "a", 0644);
        t.file(CAROL, d, "b", 0644);
        fs.setAcl(
                ALICE,
                d,
                Acl.of(
                        Ace.deny(CAROL_ID, AceMask.DELETE_CHILD),
                        Ace.allow(Who.OWNER, RWX | AceMask.DELETE_CHILD),
                        Ace.allow(Who.EVERYONE, RWX)));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.remove(CAROL, d, "a"));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.rename(CAROL, d, "a", d, "c"));
        fs.createFile(CAROL, d, "new", SetAttributes.NONE, CreateMode.GUARDED); // adding is still allowed
        fs.remove(BOB, d, "a"); // write on the directory, no deny: the mode's rule
        fs.remove(ALICE, d, "b");
    }

    @Test
    void deleteOnTheFileOrDeleteChildOnTheDirectoryPermitsRemovalWithoutWrite() {
        NodeId d = t.dir(ALICE, t.root(), "ro", 0755);
        t.file(ALICE, d, "mine-to-delete", 0644);
        t.file(ALICE, d, "kept", 0644);
        fs.setAcl(
                ALICE,
                d,
                Acl.of(
                        Ace.allow(Who.OWNER, RWX | AceMask.DELETE_CHILD),
                        Ace.allow(Who.EVERYONE, AceMask.READ_DATA | AceMask.EXECUTE)));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.remove(CAROL, d, "kept"));
        fs.setAcl(
                ALICE,
                fs.lookup(ALICE, d, "mine-to-delete").id(),
                Acl.of(
                        Ace.allow(CAROL_ID, AceMask.DELETE),
                        Ace.allow(Who.OWNER, RWX),
                        Ace.allow(Who.EVERYONE, AceMask.READ_DATA)));
        fs.remove(CAROL, d, "mine-to-delete");
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.remove(BOB, d, "kept"));
        fs.setAcl(
                ALICE,
                d,
                Acl.of(
                        Ace.allow(Who.OWNER, RWX | AceMask.DELETE_CHILD),
                        Ace.allow(BOB_ID, AceMask.DELETE_CHILD | AceMask.EXECUTE),
                        Ace.allow(Who.EVERYONE, AceMask.READ_DATA | AceMask.EXECUTE)));
        fs.remove(BOB, d, "kept");
    }

    @Test
    void aDeleteDenyOnTheFileRefusesRemovalUnlessTheDirectoryAllowsDeleteChild() {
        NodeId d = t.dir(ALICE, t.root(), "w", 0777);
        NodeId f = t.file(ALICE, d, "protected", 0644);
        fs.setAcl(
                ALICE,
                f,
                Acl.of(
                        Ace.deny(Who.EVERYONE, AceMask.DELETE),
                        Ace.allow(Who.OWNER, RWX),
                        Ace.allow(Who.EVERYONE, AceMask.READ_DATA)));
        failsWith(ErrorCode.ACCESS_DENIED, () -> fs.remove(CAROL, d, "protected"));
        assertThat(fs.lookup(CAROL, d, "protected").id()).isEqualTo(f);
        fs.remove(ROOT, d, "protected");
    }
}
