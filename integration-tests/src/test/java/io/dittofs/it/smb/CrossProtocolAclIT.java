package io.dittofs.it.smb;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.ACL;
import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.SID;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.msdtyp.ace.ACE;
import com.hierynomus.msdtyp.ace.AceType;
import com.hierynomus.msdtyp.ace.AceTypes;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.dittofs.it.ServerUnderTest;
import io.dittofs.nfs.client.v41.Nfs41Ace;
import io.dittofs.nfs.client.v41.Nfs41Client;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.server.EmbeddedDefault;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon: one ACL seen through both protocols. A DACL set over SMB (smbj) is what NFSv4
 * GETATTR acl returns (the repo's NFSv4.1 client), and an ACL set by NFSv4 SETATTR is the DACL
 * SMB reads, with deny ACEs, named users and groups mapped (uid 1001 is SID S-1-22-1-1001, gid 50
 * S-1-22-2-50: no names on this server).
 */
class CrossProtocolAclIT {
    private static final Set<SecurityInformation> DACL = EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION);
    private static final int IDENTIFIER_GROUP = 0x40;

    @TempDir
    static Path data;

    private static ServerUnderTest server;
    private static SMBClient smb;
    private static DiskShare share;
    private static Nfs41Client nfs;
    private static byte[] exportFh;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerUnderTest(data);
        smb = new SMBClient();
        Connection c = smb.connect("127.0.0.1", server.smbPort());
        Session s = c.authenticate(
                new AuthenticationContext(ServerUnderTest.USER, ServerUnderTest.PASSWORD.toCharArray(), "WORKGROUP"));
        share = (DiskShare) s.connectShare(EmbeddedDefault.SHARE);
        nfs = Nfs41Client.connect(
                new InetSocketAddress("127.0.0.1", server.nfsPort()),
                new AuthSysParms(0, "it", 1000, 1000, new int[] {1000}).toCredential(),
                Duration.ofSeconds(60));
        exportFh = nfs.lookup(nfs.rootFh(), EmbeddedDefault.SHARE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nfs != null) {
            nfs.close();
        }
        if (smb != null) {
            smb.close();
        }
        server.close();
    }

    private static void createOverSmb(String name) {
        share.openFile(
                        name,
                        EnumSet.of(AccessMask.GENERIC_ALL),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OVERWRITE_IF,
                        null)
                .close();
    }

    @Test
    void aDaclSetOverSmbIsTheAclNfs4Returns() {
        createOverSmb("from-smb.txt");
        SID owner = share.getSecurityInfo("from-smb.txt", EnumSet.of(SecurityInformation.OWNER_SECURITY_INFORMATION))
                .getOwnerSid();
        ACL dacl = new ACL(
                ACL.ACL_REVISION,
                List.of(
                        AceTypes.accessDeniedAce(
                                Set.of(), EnumSet.of(AccessMask.FILE_WRITE_DATA), SID.fromString("S-1-22-2-50")),
                        AceTypes.accessAllowedAce(Set.of(), EnumSet.of(AccessMask.GENERIC_ALL), owner),
                        AceTypes.accessAllowedAce(
                                Set.of(),
                                EnumSet.of(AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA),
                                SID.fromString("S-1-22-1-1001"))));
        share.setSecurityInfo(
                "from-smb.txt",
                DACL,
                new SecurityDescriptor(
                        EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.SR),
                        null,
                        null,
                        null,
                        dacl));

        List<Nfs41Ace> acl = nfs.getAcl(nfs.lookup(exportFh, "from-smb.txt"));
        assertThat(acl)
                .containsExactly(
                        new Nfs41Ace(1, IDENTIFIER_GROUP, 0x2, "50"),
                        new Nfs41Ace(0, 0, 0x001F01FF, "OWNER@"),
                        new Nfs41Ace(0, 0, 0x3, "1001"));
        assertThat(nfs.getattr(exportFh, "from-smb.txt").mode() & 0777).isEqualTo(0700);
    }

    @Test
    void anAclSetByNfs4IsTheDaclSmbReads() {
        createOverSmb("from-nfs.txt");
        byte[] fh = nfs.lookup(exportFh, "from-nfs.txt");
        nfs.setAcl(
                fh,
                List.of(
                        new Nfs41Ace(1, 0, 0x1, "1002"),
                        new Nfs41Ace(0, 0, 0x7, "OWNER@"),
                        new Nfs41Ace(0, IDENTIFIER_GROUP, 0x1, "50"),
                        new Nfs41Ace(0, 0, 0x1, "EVERYONE@")));
        assertThat(nfs.getattr(fh).mode() & 0777).isEqualTo(0644);

        SecurityDescriptor sd = share.getSecurityInfo(
                "from-nfs.txt",
                EnumSet.of(
                        SecurityInformation.OWNER_SECURITY_INFORMATION, SecurityInformation.DACL_SECURITY_INFORMATION));
        List<ACE> aces = sd.getDacl().getAces();
        assertThat(aces)
                .extracting(ace -> ace.getSid().toString())
                .containsExactly("S-1-22-1-1002", sd.getOwnerSid().toString(), "S-1-22-2-50", "S-1-1-0");
        assertThat(aces)
                .extracting(ace -> ace.getAceHeader().getAceType())
                .containsExactly(
                        AceType.ACCESS_DENIED_ACE_TYPE,
                        AceType.ACCESS_ALLOWED_ACE_TYPE,
                        AceType.ACCESS_ALLOWED_ACE_TYPE,
                        AceType.ACCESS_ALLOWED_ACE_TYPE);
        assertThat(aces).extracting(ACE::getAccessMask).containsExactly(0x1L, 0x7L, 0x1L, 0x1L);
    }
}
