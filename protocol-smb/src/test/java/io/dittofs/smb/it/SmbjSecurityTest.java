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
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
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
 * Security descriptors as a view of POSIX owner, group and mode, both ways, through smbj's
 * QUERY_INFO/SET_INFO of SMB2_0_INFO_SECURITY.
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

    @Test
    void whatModeBitsCannotSayIsRefusedAndNothingChanges() {
        create("r.txt");
        int before = attributes("r.txt").mode();
        ACL deny = new ACL(
                ACL.ACL_REVISION,
                List.of(AceTypes.accessDeniedAce(Set.of(), EnumSet.of(AccessMask.FILE_READ_DATA), SID.EVERYONE)));
        SecurityDescriptor withDeny = new SecurityDescriptor(
                EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.SR), null, null, null, deny);
        assertStatus(() -> a.share.setSecurityInfo("r.txt", DACL, withDeny), NtStatus.STATUS_NOT_SUPPORTED);
        ACL stranger = new ACL(
                ACL.ACL_REVISION, List.of(allow(SID.fromString("S-1-5-21-9-9-9-1234"), AccessMask.FILE_READ_DATA)));
        SecurityDescriptor withStranger = new SecurityDescriptor(
                EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.SR), null, null, null, stranger);
        assertStatus(() -> a.share.setSecurityInfo("r.txt", DACL, withStranger), NtStatus.STATUS_NOT_SUPPORTED);
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
