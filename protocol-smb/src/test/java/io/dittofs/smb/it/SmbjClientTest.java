package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.SmbTestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** smbj, an independent SMB client, against the real adapter: each dialect with signing. */
class SmbjClientTest {
    private static SmbTestServer server;
    private static SmbTestServer encryptingServer;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start();
        encryptingServer = SmbTestServer.start(
                SmbSettings.defaults().withBind("127.0.0.1", 0).withEncryption(EncryptionMode.REQUIRED),
                ShareOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        server.close();
        encryptingServer.close();
    }

    private static SMBClient client(SMB2Dialect dialect) {
        return new SMBClient(SmbConfig.builder()
                .withDialects(dialect)
                .withSigningRequired(true)
                .withTimeout(20, TimeUnit.SECONDS)
                .withSoTimeout(20, TimeUnit.SECONDS)
                .build());
    }

    private static Session login(Connection c) {
        return c.authenticate(
                new AuthenticationContext(SmbTestServer.USER, SmbTestServer.PASSWORD.toCharArray(), "WORKGROUP"));
    }

    @ParameterizedTest
    @EnumSource(
            value = SMB2Dialect.class,
            names = {"SMB_2_0_2", "SMB_2_1", "SMB_3_0", "SMB_3_0_2", "SMB_3_1_1"})
    void writesReadsListsRenamesAndDeletesWithSigning(SMB2Dialect dialect) throws Exception {
        String dir = "d-" + dialect.name();
        try (SMBClient client = client(dialect);
                Connection c = client.connect("127.0.0.1", server.port());
                Session session = login(c);
                DiskShare share = (DiskShare) session.connectShare(SmbTestServer.SHARE)) {
            assertThat(c.getNegotiatedProtocol().getDialect()).isEqualTo(dialect);
            share.mkdir(dir);
            byte[] data = new byte[300_000];
            new Random(42).nextBytes(data);
            try (File f = share.openFile(
                            dir + "\\file.bin",
                            EnumSet.of(AccessMask.GENERIC_ALL),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_CREATE,
                            null);
                    OutputStream out = f.getOutputStream()) {
                out.write(data);
            }
            try (File f = share.openFile(
                            dir + "\\FILE.BIN",
                            EnumSet.of(AccessMask.GENERIC_READ),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OPEN,
                            null);
                    InputStream in = f.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            List<String> names = share.list(dir).stream()
                    .map(FileIdBothDirectoryInformation::getFileName)
                    .toList();
            assertThat(names).contains(".", "..", "file.bin");
            assertThat(share.getFileInformation(dir + "\\file.bin")
                            .getStandardInformation()
                            .getEndOfFile())
                    .isEqualTo(data.length);

            try (File f = share.openFile(
                    dir + "\\file.bin",
                    EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN,
                    null)) {
                f.rename(dir + "\\renamed.txt");
            }
            assertThat(share.fileExists(dir + "\\file.bin")).isFalse();
            assertThat(share.fileExists(dir + "\\Renamed.TXT")).isTrue();
            share.rm(dir + "\\renamed.txt");
            assertThat(share.fileExists(dir + "\\renamed.txt")).isFalse();
            share.rmdir(dir, false);
            assertThat(share.folderExists(dir)).isFalse();
        }
    }

    /** Against a server that requires encryption, so an unencrypted request would be refused. */
    @ParameterizedTest
    @EnumSource(
            value = SMB2Dialect.class,
            names = {"SMB_3_0", "SMB_3_0_2", "SMB_3_1_1"})
    void anEncryptedSessionWritesAndReads(SMB2Dialect dialect) throws Exception {
        SMBClient encrypting = new SMBClient(SmbConfig.builder()
                .withDialects(dialect)
                .withEncryptData(true)
                .withTimeout(20, TimeUnit.SECONDS)
                .build());
        try (encrypting;
                Connection c = encrypting.connect("127.0.0.1", encryptingServer.port());
                Session session = login(c);
                DiskShare share = (DiskShare) session.connectShare(SmbTestServer.SHARE)) {
            byte[] data = new byte[200_000];
            new Random(3).nextBytes(data);
            String name = "enc-" + dialect.name() + ".bin";
            try (File f = share.openFile(
                            name,
                            EnumSet.of(AccessMask.GENERIC_ALL),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OVERWRITE_IF,
                            null);
                    OutputStream out = f.getOutputStream()) {
                out.write(data);
            }
            try (File f = share.openFile(
                            name,
                            EnumSet.of(AccessMask.GENERIC_READ),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OPEN,
                            null);
                    InputStream in = f.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            share.rm(name);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SMB2Dialect.class,
            names = {"SMB_3_1_1"})
    void aClientThatDoesNotEncryptIsRefusedWhenEncryptionIsRequired(SMB2Dialect dialect) throws Exception {
        // Without encryptData, smbj offers no cipher: the server refuses the session.
        try (SMBClient client =
                        new SMBClient(SmbConfig.builder().withDialects(dialect).build());
                Connection c = client.connect("127.0.0.1", encryptingServer.port())) {
            assertThatThrownBy(() -> login(c))
                    .isInstanceOf(SMBApiException.class)
                    .satisfies(e ->
                            assertThat(((SMBApiException) e).getStatus()).isEqualTo(NtStatus.STATUS_ACCESS_DENIED));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SMB2Dialect.class,
            names = {"SMB_2_1", "SMB_3_1_1"})
    void aWrongPasswordIsRefused(SMB2Dialect dialect) throws Exception {
        try (SMBClient client = client(dialect);
                Connection c = client.connect("127.0.0.1", server.port())) {
            assertThatThrownBy(() -> c.authenticate(
                            new AuthenticationContext(SmbTestServer.USER, "wrong".toCharArray(), "WORKGROUP")))
                    .isInstanceOf(SMBApiException.class)
                    .satisfies(e ->
                            assertThat(((SMBApiException) e).getStatus()).isEqualTo(NtStatus.STATUS_LOGON_FAILURE));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SMB2Dialect.class,
            names = {"SMB_3_0"})
    void anUnknownShareIsBadNetworkName(SMB2Dialect dialect) throws Exception {
        try (SMBClient client = client(dialect);
                Connection c = client.connect("127.0.0.1", server.port());
                Session session = login(c)) {
            assertThatThrownBy(() -> session.connectShare("nope"))
                    .isInstanceOf(SMBApiException.class)
                    .satisfies(e ->
                            assertThat(((SMBApiException) e).getStatus()).isEqualTo(NtStatus.STATUS_BAD_NETWORK_NAME));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SMB2Dialect.class,
            names = {"SMB_3_1_1"})
    void smallFilesRoundTripAsText(SMB2Dialect dialect) throws Exception {
        try (SMBClient client = client(dialect);
                Connection c = client.connect("127.0.0.1", server.port());
                Session session = login(c);
                DiskShare share = (DiskShare) session.connectShare(SmbTestServer.SHARE)) {
            try (File f = share.openFile(
                    "hello.txt",
                    EnumSet.of(AccessMask.GENERIC_ALL),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OVERWRITE_IF,
                    null)) {
                f.write("hello".getBytes(StandardCharsets.UTF_8), 0);
            }
            try (File f = share.openFile(
                            "hello.txt",
                            EnumSet.of(AccessMask.GENERIC_READ),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OPEN,
                            null);
                    InputStream in = f.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello");
            }
            share.rm("hello.txt");
        }
    }
}
