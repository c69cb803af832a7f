package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.ACL;
import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.SID;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.msdtyp.ace.ACE;
import com.hierynomus.msdtyp.ace.AceTypes;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceFlags;
import io.dittofs.runtime.acl.AceType;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.Who;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.Access;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.smb.SmbTestServer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Security descriptors as a view of the owner, group and the runtime's ACL (shared with NFSv4),
 * both ways, through smbj's QUERY_INFO/SET_INFO of SMB2_0_INFO_SECURITY.
 */
class SmbjSecurityTest extends TwoClients {
    private static final Set<SecurityInformation> ALL = EnumSet.of(
            SecurityInformation.OWNER_SECURITY_INFORMATION,
            SecurityInformation.GROUP_SECURITY_INFORMATION,
            SecurityInformation.DACL_SECURITY_INFORMATION);
    private static final Set<SecurityInformation> DACL = EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION);

    private void create(String name) {
        a.share
                .openFile(
                        name,
                        EnumSet.of(AccessMask.GENERIC_ALL),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OVERWRITE_IF,
                        null)
                .close();
    }

    private static Attributes attributes(String name) {
        FileSystem fs = server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
        AuthContext root = AuthContext.internal(Principal.ROOT);
        return fs.lookup(root, fs.root(), name);
    }

    private static SID sid(Sid s) {
        return SID.fromString(s.toString());
    }

    private static ACE allow(SID who, AccessMask... rights) {
        return AceTypes.accessAllowedAce(Set.of(), EnumSet.of(rights[0], rights), who);
    }

    private static void assertStatus(ThrowingCallable call, NtStatus status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                .isEqualTo(status));
    }

    @Test
    void theDescriptorShowsOwnerGroupAndModeBits() {
        create("q.txt");
        Attributes at = attributes("q.txt");
        SecurityDescriptor sd = a.share.getSecurityInfo("q.txt", ALL);
        var ids = server.identities;
        assertThat(sd.getOwnerSid().toString()).isEqualTo(ids.userSid(at.uid()).toString());
        assertThat(sd.getGroupSid().toString()).isEqualTo(ids.groupSid(at.gid()).toString());
        List<ACE> aces = sd.getDacl().getAces();
        assertThat(aces)
                .extracting(ace -> ace.getSid().toString())
                .containsExactly(
                        ids.userSid(at.uid()).toString(), ids.groupSid(at.gid()).toString(), Sid.EVERYONE.toString());
        // 0644: the owner reads and writes, the others only read.
        assertThat(aces.get(0).getAccessMask() & 0x2).isEqualTo(0x2);
        assertThat(aces.get(1).getAccessMask() & 0x3).isEqualTo(0x1);
        assertThat(aces.get(2).getAccessMask() & 0x3).isEqualTo(0x1);
    }

    @Test
    void aDaclOfOwnerGroupAndEveryoneBecomesModeBitsAndReadsBackTheSame() {
        create("s.txt");
        Attributes at = attributes("s.txt");
        var ids = server.identities;
        SID owner = sid(ids.userSid(at.uid()));
        SID group = sid(ids.groupSid(at.gid()));
        ACL dacl = new ACL(
                ACL.ACL_REVISION,
                List.of(
                        allow(owner, AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA, AccessMask.FILE_EXECUTE),
                        allow(group, AccessMask.FILE_READ_DATA, AccessMask.FILE_EXECUTE),
                        allow(SID.EVERYONE, AccessMask.FILE_EXECUTE)));
        a.share.setSecurityInfo(
                "s.txt",
                DACL,
                new SecurityDescriptor(
                        EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.SR),
                        null,
                        null,
                        null,
                        dacl));
        assertThat(attributes("s.txt").mode() & 0777).isEqualTo(0751);
        List<ACE> back = a.share.getSecurityInfo("s.txt", DACL).getDacl().getAces();
        assertThat(back.get(2).getAccessMask() & 0x23).isEqualTo(0x20); // Everyone: execute only
    }

    private static SecurityDescriptor daclOnly(ACL dacl) {
        return new SecurityDescriptor(
                EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.SR), null, null, null, dacl);
    }

    private static FileSystem fs() {
        return server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
    }

    @Test
    void denyAcesAndOtherUsersAreKeptInTheSharedAclAndEnforced() {
        create("d.txt");
        Attributes at = attributes("d.txt");
        var ids = server.identities;
        SID carol = sid(ids.userSid(1002));
        ACL dacl = new ACL(
                ACL.ACL_REVISION,
                List.of(
                        AceTypes.accessDeniedAce(Set.of(), EnumSet.of(AccessMask.FILE_READ_DATA), carol),
                        allow(sid(ids.userSid(at.uid())), AccessMask.GENERIC_ALL),
                        allow(sid(ids.userSid(1001)), AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA),
                        allow(SID.EVERYONE, AccessMask.FILE_READ_DATA)));
        a.share.setSecurityInfo("d.txt", DACL, daclOnly(dacl));

        // The runtime's ACL (what NFSv4's acl attribute returns) holds the same entries.
        Acl acl = fs().getAcl(AuthContext.internal(Principal.ROOT), at.id());
        assertThat(acl.aces())
                .containsExactly(
                        Ace.deny(new Who.User(1002), io.dittofs.runtime.acl.AceMask.READ_DATA),
                        Ace.allow(Who.OWNER, 0x001F01FF),
                        Ace.allow(
                                new Who.User(1001),
                                io.dittofs.runtime.acl.AceMask.READ_DATA | io.dittofs.runtime.acl.AceMask.WRITE_DATA),
                        Ace.allow(Who.EVERYONE, io.dittofs.runtime.acl.AceMask.READ_DATA));
        assertThat(attributes("d.txt").mode() & 0777).isEqualTo(0744);
        assertThat(fs().access(AuthContext.internal(Principal.of(1002, 1002)), at.id(), Access.READ))
                .as("the deny ACE is enforced")
                .isZero();
        assertThat(fs().access(AuthContext.internal(Principal.of(1001, 1001)), at.id(), Access.MODIFY))
                .as("the named allow ACE is enforced")
                .isEqualTo(Access.MODIFY);

        List<ACE> back = a.share.getSecurityInfo("d.txt", DACL).getDacl().getAces();
        assertThat(back)
                .extracting(ace -> ace.getSid().toString())
                .containsExactly(
                        carol.toString(),
                        ids.userSid(at.uid()).toString(),
                        ids.userSid(1001).toString(),
                        "S-1-1-0");
        assertThat(back.get(0).getAceHeader().getAceType())
                .isEqualTo(com.hierynomus.msdtyp.ace.AceType.ACCESS_DENIED_ACE_TYPE);
    }

    @Test
    void anAclSetThroughTheRuntimeIsTheDaclSmbSees() {
        create("n.txt");
        Attributes at = attributes("n.txt");
        Ace inheritable = new Ace(
                AceType.ALLOW,
                AceFlags.FILE_INHERIT | AceFlags.DIRECTORY_INHERIT | AceFlags.INHERITED,
                io.dittofs.runtime.acl.AceMask.READ_DATA,
                new Who.Group(50));
        fs().setAcl(
                        AuthContext.internal(Principal.ROOT),
                        at.id(),
                        Acl.of(Ace.allow(Who.OWNER, io.dittofs.runtime.acl.AceMask.READ_DATA), inheritable));
        List<ACE> aces = a.share.getSecurityInfo("n.txt", DACL).getDacl().getAces();
        assertThat(aces)
                .extracting(ace -> ace.getSid().toString())
                .containsExactly(
                        server.identities.userSid(at.uid()).toString(),
                        server.identities.groupSid(50).toString());
        // OBJECT_INHERIT | CONTAINER_INHERIT | INHERITED_ACE
        assertThat(aces.get(1).getAceHeader().getAceFlags())
                .containsExactlyInAnyOrder(
                        com.hierynomus.msdtyp.ace.AceFlags.OBJECT_INHERIT_ACE,
                        com.hierynomus.msdtyp.ace.AceFlags.CONTAINER_INHERIT_ACE,
                        com.hierynomus.msdtyp.ace.AceFlags.INHERITED_ACE);
    }

    @Test
    void aDescriptorInTheCreateContextIsTheNewFilesAcl() throws Exception {
        SID carol = sid(server.identities.userSid(1002));
        ACL dacl = new ACL(
                ACL.ACL_REVISION,
                List.of(
                        AceTypes.accessDeniedAce(Set.of(), EnumSet.of(AccessMask.FILE_WRITE_DATA), carol),
                        allow(SID.EVERYONE, AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA)));
        com.hierynomus.smb.SMBBuffer buffer = new com.hierynomus.smb.SMBBuffer();
        daclOnly(dacl).write(buffer);
        try (io.dittofs.smb.LeaseClient raw = new io.dittofs.smb.LeaseClient(
                server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, SmbTestServer.SHARE)) {
            raw.create("secd.txt", 0, java.util.Map.of("SecD", buffer.getCompactData()));
        }
        Attributes at = attributes("secd.txt");
        assertThat(fs().getAcl(AuthContext.internal(Principal.ROOT), at.id()).aces())
                .containsExactly(
                        Ace.deny(new Who.User(1002), io.dittofs.runtime.acl.AceMask.WRITE_DATA),
                        Ace.allow(
                                Who.EVERYONE,
                                io.dittofs.runtime.acl.AceMask.READ_DATA | io.dittofs.runtime.acl.AceMask.WRITE_DATA));
        assertThat(at.mode() & 0777).isEqualTo(0666);
    }

    @Test
    void filesCreatedOverSmbInheritTheDirectorysInheritableAcesWhole() {
        a.share.mkdir("inh");
        Attributes dir = attributes("inh");
        var ids = server.identities;
        ACL dacl = new ACL(
                ACL.ACL_REVISION,
                List.of(
                        AceTypes.accessAllowedAce(
                                EnumSet.of(
                                        com.hierynomus.msdtyp.ace.AceFlags.OBJECT_INHERIT_ACE,
                                        com.hierynomus.msdtyp.ace.AceFlags.CONTAINER_INHERIT_ACE),
                                EnumSet.of(AccessMask.GENERIC_ALL),
                                sid(ids.userSid(dir.uid()))),
                        AceTypes.accessAllowedAce(
                                EnumSet.of(com.hierynomus.msdtyp.ace.AceFlags.OBJECT_INHERIT_ACE),
                                EnumSet.of(AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA),
                                sid(ids.userSid(1001)))));
        a.share.setSecurityInfo("inh", DACL, daclOnly(dacl));
        create("inh\\child.txt");
        Attributes inh = attributes("inh");
        FileSystem fs = fs();
        AuthContext root = AuthContext.internal(Principal.ROOT);
        io.dittofs.runtime.fs.NodeId file =
                fs.lookup(root, inh.id(), "child.txt").id();
        assertThat(fs.getAcl(root, file).aces()).extracting(Ace::who).containsExactly(Who.OWNER, new Who.User(1001));
        assertThat(fs.access(AuthContext.internal(Principal.of(1001, 1001)), file, Access.MODIFY))
                .as("the inherited allow ACE is not masked by a create mode")
                .isEqualTo(Access.MODIFY);
    }

    @Test
    void whatTheAclCannotHoldIsRefusedAndNothingChanges() {
        create("r.txt");
        int before = attributes("r.txt").mode();
        ACL stranger = new ACL(
                ACL.ACL_REVISION, List.of(allow(SID.fromString("S-1-5-21-9-9-9-1234"), AccessMask.FILE_READ_DATA)));
        assertStatus(() -> a.share.setSecurityInfo("r.txt", DACL, daclOnly(stranger)), NtStatus.STATUS_NOT_SUPPORTED);
        SecurityDescriptor badOwner = new SecurityDescriptor(
                EnumSet.of(SecurityDescriptor.Control.SR), SID.fromString("S-1-5-21-9-9-9-1234"), null, null, null);
        assertThatThrownBy(() -> a.share.setSecurityInfo(
                        "r.txt", EnumSet.of(SecurityInformation.OWNER_SECURITY_INFORMATION), badOwner))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(0xC000005AL)); // STATUS_INVALID_OWNER
        assertThat(attributes("r.txt").mode()).isEqualTo(before);
    }

    @Test
    void givingAFileAwayIsAChownAndFollowsItsRules() {
        create("o.txt");
        SecurityDescriptor toRoot = new SecurityDescriptor(
                EnumSet.of(SecurityDescriptor.Control.SR), sid(server.identities.userSid(0)), null, null, null);
        // alice is not root: POSIX chown rules refuse it.
        assertStatus(
                () -> a.share.setSecurityInfo(
                        "o.txt", EnumSet.of(SecurityInformation.OWNER_SECURITY_INFORMATION), toRoot),
                NtStatus.STATUS_ACCESS_DENIED);
        assertThat(attributes("o.txt").uid()).isEqualTo(1000);
    }
}
