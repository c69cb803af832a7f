package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.share.DiskShare;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.LeaseClient;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.SmbTestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-share encryption (MS-SMB2 3.3.5.7, 2.2.10 SMB2_SHAREFLAG_ENCRYPT_DATA) with the server-wide
 * setting off: share "secret" requires encryption, share "share" does not.
 */
class SmbShareEncryptionTest {
    private static SmbTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start(
                SmbSettings.defaults()
                        .withBind("127.0.0.1", 0)
                        .withEncryption(EncryptionMode.DESIRED)
                        .withShareEncryption(Map.of("secret", EncryptionMode.REQUIRED)),
                ShareOptions.DEFAULTS);
        server.addShare("secret", ShareOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client that can encrypt (smbj offers ciphers only then); the server's session does not require it. */
    private static SmbConfig config(SMB2Dialect dialect) {
        return SmbConfig.builder()
                .withDialects(dialect)
                .withEncryptData(dialect.isSmb3x())
                .withTimeout(20, TimeUnit.SECONDS)
                .build();
    }

    /** What smbj made of the TREE_CONNECT's ShareFlags (it keeps them in a private field). */
    private static boolean encrypts(DiskShare share) throws ReflectiveOperationException {
        Field f = share.getTreeConnect().getClass().getDeclaredField("encryptData");
        f.setAccessible(true);
        return f.getBoolean(share.getTreeConnect());
    }

    @Test
    void anSmb3ClientGetsTheShareFlagAndWorksEncrypted() throws Exception {
        try (SmbjClient c = new SmbjClient(server, config(SMB2Dialect.SMB_3_1_1))) {
            DiskShare secret = (DiskShare) c.session.connectShare("secret");
            assertThat(encrypts(secret)).as("SMB2_SHAREFLAG_ENCRYPT_DATA").isTrue();
            try (var f = secret.openFile(
                            "x.txt",
                            java.util.EnumSet.of(com.hierynomus.msdtyp.AccessMask.GENERIC_ALL),
                            null,
                            com.hierynomus.mssmb2.SMB2ShareAccess.ALL,
                            com.hierynomus.mssmb2.SMB2CreateDisposition.FILE_OVERWRITE_IF,
                            null);
                    OutputStream out = f.getOutputStream()) {
                out.write("sealed".getBytes(StandardCharsets.UTF_8));
            }
            try (var f = secret.openFile(
                            "x.txt",
                            java.util.EnumSet.of(com.hierynomus.msdtyp.AccessMask.GENERIC_READ),
                            null,
                            com.hierynomus.mssmb2.SMB2ShareAccess.ALL,
                            com.hierynomus.mssmb2.SMB2CreateDisposition.FILE_OPEN,
                            null);
                    InputStream in = f.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("sealed");
            }
            secret.close();
            assertThat(encrypts(c.share)).isFalse();
        }
    }

    @Test
    void aClientThatCannotEncryptIsRefusedTheShareButNotTheOthers() throws Exception {
        try (SmbjClient c = new SmbjClient(server, config(SMB2Dialect.SMB_2_1))) {
            assertThat(c.share.list("")).isNotNull();
            assertThatThrownBy(() -> c.session.connectShare("secret"))
                    .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                            .isEqualTo(NtStatus.STATUS_ACCESS_DENIED));
        }
    }

    @Test
    void aLeaseBreakForAnEncryptedShareIsEncryptedEvenWhenTheSessionIsNot() throws Exception {
        // Server-wide "desired": sessions do not encrypt (Session.EncryptData is false), only the
        // tree of "secret" does.
        try (SmbTestServer plain = SmbTestServer.start(
                SmbSettings.defaults()
                        .withBind("127.0.0.1", 0)
                        .withEncryption(EncryptionMode.DESIRED)
                        .withShareEncryption(Map.of("secret", EncryptionMode.REQUIRED)),
                s -> {
                    s.addShare(SmbTestServer.SHARE, ShareOptions.DEFAULTS);
                    s.addShare("secret", ShareOptions.DEFAULTS);
                })) {
            byte[] k = LeaseClient.key(1);
            try (LeaseClient a =
                            LeaseClient.encrypted(plain.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, "secret");
                    SmbjClient b = new SmbjClient(plain, config(SMB2Dialect.SMB_3_1_1))) {
                int rwh = LeaseClient.R | LeaseClient.W | LeaseClient.H;
                assertThat(a.create("sealed.txt", 0xFF, k, rwh).leaseState()).isEqualTo(rwh);
                DiskShare secret = (DiskShare) b.session.connectShare("secret");
                var writer = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> secret.openFile(
                                "sealed.txt",
                                java.util.EnumSet.of(com.hierynomus.msdtyp.AccessMask.GENERIC_WRITE),
                                null,
                                com.hierynomus.mssmb2.SMB2ShareAccess.ALL,
                                com.hierynomus.mssmb2.SMB2CreateDisposition.FILE_OPEN,
                                null),
                        r -> Thread.ofVirtual().start(r));
                assertThat(a.leaseBreak(k)).isEqualTo(new LeaseClient.Break(1, rwh, 0));
                assertThat(a.socket.encryptedNotifications())
                        .as("the break came sealed")
                        .isEqualTo(1);
                assertThat(a.ackLease(k, 0)).isZero();
                writer.get(10, TimeUnit.SECONDS).close();
            }
        }
    }
}
