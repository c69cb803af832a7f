package io.dittofs.runtime.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.auth.Principal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclModelTest {
    private static final Principal OWNER = Principal.of(1000, 1000, 50);
    private static final Principal MEMBER = Principal.of(1001, 1001, 50);
    private static final Principal OTHER = Principal.of(1002, 1002);
    private static final int R = AceMask.READ_DATA;
    private static final int W = AceMask.WRITE_DATA;

    private static boolean allows(Acl acl, Principal p, int mask) {
        return acl.allows(p, 1000, 50, mask);
    }

    @Test
    void theFirstAceNamingABitDecidesIt() {
        Acl denyFirst = Acl.of(Ace.deny(new Who.User(1001), W), Ace.allow(Who.EVERYONE, R | W));
        assertThat(allows(denyFirst, MEMBER, R)).isTrue();
        assertThat(allows(denyFirst, MEMBER, W)).isFalse();
        assertThat(allows(denyFirst, MEMBER, R | W)).isFalse();
        assertThat(allows(denyFirst, OTHER, R | W)).isTrue();

        Acl allowFirst = Acl.of(Ace.allow(new Who.User(1001), W), Ace.deny(Who.EVERYONE, W));
        assertThat(allows(allowFirst, MEMBER, W)).isTrue();
        assertThat(allows(allowFirst, OTHER, W)).isFalse();
    }

    @Test
    void bitsNoAceNamesAreRefusedAndInheritOnlyAcesDoNotApply() {
        Acl acl = Acl.of(
                Ace.allow(Who.OWNER, R),
                new Ace(AceType.ALLOW, AceFlags.FILE_INHERIT | AceFlags.INHERIT_ONLY, W, Who.EVERYONE));
        assertThat(allows(acl, OWNER, R)).isTrue();
        assertThat(allows(acl, OWNER, W)).isFalse();
        assertThat(allows(acl, OTHER, R)).isFalse();
    }

    @Test
    void specialWhosFollowTheFilesOwnerAndGroup() {
        Acl acl = Acl.of(Ace.allow(Who.OWNER, W), Ace.allow(Who.GROUP, R), Ace.allow(new Who.Group(1002), R));
        assertThat(allows(acl, OWNER, W)).isTrue();
        assertThat(allows(acl, MEMBER, R)).as("member of the file's group 50").isTrue();
        assertThat(allows(acl, MEMBER, W)).isFalse();
        assertThat(allows(acl, OTHER, R)).as("member of group 1002").isTrue();
        assertThat(acl.allows(MEMBER, 1001, 7, W))
                .as("owner when the file is theirs")
                .isTrue();
    }

    @Test
    void theModeEquivalentAclImpliesTheSameModeForEveryMode() {
        for (int mode = 0; mode <= 0777; mode++) {
            for (boolean dir : new boolean[] {false, true}) {
                Acl acl = AclModes.fromMode(mode, dir);
                assertThat(AclModes.modeOf(acl)).as("mode %o", mode).isEqualTo(mode);
                // The owner is also in the group: the deny ACEs keep the owner class exact.
                int owner = (mode >> 6) & 7;
                assertThat(acl.allows(Principal.of(1000, 50), 1000, 50, R)).isEqualTo((owner & 4) != 0);
                assertThat(acl.allows(Principal.of(1000, 50), 1000, 50, W)).isEqualTo((owner & 2) != 0);
                int group = (mode >> 3) & 7;
                assertThat(acl.allows(MEMBER, 1000, 50, W)).isEqualTo((group & 2) != 0);
            }
        }
    }

    @Test
    void theModeOfAnAclFollowsOrderAndEveryone() {
        Acl acl = Acl.of(
                Ace.deny(Who.GROUP, AceMask.WRITE_DATA),
                Ace.allow(Who.OWNER, R | W | AceMask.EXECUTE),
                Ace.allow(new Who.User(5), R | W),
                Ace.allow(Who.EVERYONE, R | W));
        assertThat(Integer.toOctalString(AclModes.modeOf(acl))).isEqualTo("746");
    }

    @Test
    void chmodReplacesTheSpecialAcesKeepsOthersAndMasksThemWithTheGroupBits() {
        Acl acl = Acl.of(
                Ace.allow(Who.EVERYONE, R | W),
                Ace.deny(new Who.User(7), R),
                Ace.allow(new Who.User(8), R | W | AceMask.EXECUTE | AceMask.READ_ACL),
                new Ace(AceType.ALLOW, AceFlags.DIRECTORY_INHERIT, R, Who.GROUP));
        Acl changed = AclModes.withMode(acl, 0750, true);
        assertThat(AclModes.modeOf(changed)).isEqualTo(0750);
        assertThat(changed.aces())
                .contains(Ace.deny(new Who.User(7), R))
                .contains(Ace.allow(new Who.User(8), R | AceMask.EXECUTE | AceMask.READ_ACL))
                .contains(new Ace(AceType.ALLOW, AceFlags.DIRECTORY_INHERIT | AceFlags.INHERIT_ONLY, R, Who.GROUP))
                .doesNotContain(Ace.allow(Who.EVERYONE, R | W));
        assertThat(changed.allows(Principal.of(8, 8), 1000, 50, W)).isFalse();
        assertThat(changed.allows(Principal.of(7, 7), 1000, 50, R)).isFalse();
    }

    @Test
    void inheritanceFollowsTheFlags() {
        Ace toFiles = new Ace(AceType.ALLOW, AceFlags.FILE_INHERIT, R, new Who.User(1));
        Ace toDirs = new Ace(AceType.DENY, AceFlags.DIRECTORY_INHERIT, W, new Who.User(2));
        Ace once =
                new Ace(AceType.ALLOW, AceFlags.DIRECTORY_INHERIT | AceFlags.NO_PROPAGATE_INHERIT, R, new Who.Group(3));
        Ace notInherited = Ace.allow(Who.EVERYONE, R);
        Acl parent = Acl.of(toFiles, toDirs, once, notInherited);

        assertThat(AclInheritance.inherited(parent, false).orElseThrow().aces())
                .containsExactly(toFiles.withFlags(AceFlags.INHERITED));
        assertThat(AclInheritance.inherited(parent, true).orElseThrow().aces())
                .containsExactly(
                        toFiles.withFlags(AceFlags.FILE_INHERIT | AceFlags.INHERIT_ONLY | AceFlags.INHERITED),
                        toDirs.withFlags(AceFlags.DIRECTORY_INHERIT | AceFlags.INHERITED),
                        once.withFlags(AceFlags.INHERITED));
        assertThat(AclInheritance.inherited(Acl.of(notInherited), true)).isEmpty();
    }

    @Test
    void aceKeepsOnlyDefinedFlagsAndMaskBits() {
        Ace ace = new Ace(AceType.ALLOW, 0xFFFF_FFFF, 0xFFFF_FFFF, new Who.Group(4));
        assertThat(ace.flags()).isEqualTo(AceFlags.KEPT);
        assertThat(ace.mask()).isEqualTo(AceMask.ALL);
    }

    @Test
    void theStoredFormRoundTripsAndRefusesCorruption() {
        Acl acl = Acl.of(
                Ace.allow(Who.OWNER, AceMask.ALL),
                new Ace(AceType.DENY, AceFlags.FILE_INHERIT | AceFlags.INHERITED, W, new Who.User(-2)),
                Ace.allow(new Who.Group(65534), R),
                Ace.allow(Who.GROUP, 0),
                Ace.allow(Who.EVERYONE, R));
        byte[] stored = AclCodec.encode(acl);
        assertThat(AclCodec.decode(stored)).isEqualTo(acl);
        assertThat(AclCodec.decode(AclCodec.encode(Acl.of()))).isEqualTo(Acl.of());
        for (int len = 0; len < stored.length; len++) {
            byte[] truncated = Arrays.copyOf(stored, len);
            assertThatThrownBy(() -> AclCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] badWho = stored.clone();
        badWho[3 + 6] = 9;
        assertThatThrownBy(() -> AclCodec.decode(badWho)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAclIsBounded() {
        List<Ace> many = java.util.Collections.nCopies(Acl.MAX_ACES + 1, Ace.allow(Who.EVERYONE, R));
        assertThatThrownBy(() -> new Acl(many)).isInstanceOf(IllegalArgumentException.class);
    }
}
