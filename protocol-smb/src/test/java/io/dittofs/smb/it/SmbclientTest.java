package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.smb.EncryptionMode;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.SmbTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Samba's {@code smbclient} (Debian, 4.17) against the real adapter: put, get, ls, mkdir, rename
 * and rm for each dialect family, signed. Skipped only when the binary is missing.
 */
class SmbclientTest {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    private static SmbTestServer server;
    /** Requires encryption: a client that did not encrypt would be refused. */
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
        if (server != null) {
            server.close();
        }
        if (encryptingServer != null) {
            encryptingServer.close();
        }
    }

    /** Runs smbclient with {@code commands}; returns its exit code and output. */
    static Result smbclient(String protocol, String protection, Path cwd, String commands, String... options)
            throws IOException, InterruptedException {
        SmbTestServer target = protection.equals("encrypt") ? encryptingServer : server;
        List<String> cmd = new ArrayList<>(List.of(
                SMBCLIENT.toString(),
                "//127.0.0.1/" + SmbTestServer.SHARE,
                "-p",
                Integer.toString(target.port()),
                "-U",
                SmbTestServer.USER + "%" + SmbTestServer.PASSWORD,
                "-W",
                "WORKGROUP",
                "-m",
                protocol,
                "--option=client min protocol=SMB2_02",
                "--use-kerberos=off",
                "--client-protection=" + protection,
                "-s",
                "/dev/null",
                "-c",
                commands));
        for (String o : options) {
            cmd.add("--option=" + o);
        }
        Process p = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {}

    @ParameterizedTest
    @CsvSource({
        "SMB2_02, sign",
        "SMB2_10, sign",
        "SMB3_00, sign",
        "SMB3_02, sign",
        "SMB3_11, sign",
        "SMB3_00, encrypt",
        "SMB3_02, encrypt",
        "SMB3_11, encrypt"
    })
    void putGetLsMkdirRenameAndRmWork(String protocol, String protection, @TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient is not installed");
        byte[] data = new byte[1_500_000];
        new Random(7).nextBytes(data);
        Files.write(tmp.resolve("up.bin"), data);
        String dir = "sc-" + protocol;
        Result r = smbclient(
                protocol,
                protection,
                tmp,
                "mkdir " + dir + "; cd " + dir + "; put up.bin; ls; "
                        + "get up.bin down.bin; rename up.bin moved.bin; ls; rm moved.bin; cd ..; rmdir " + dir
                        + "; ls");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("NT_STATUS_");
        assertThat(Files.readAllBytes(tmp.resolve("down.bin"))).isEqualTo(data);
        assertThat(r.output()).contains("up.bin").contains("moved.bin");
    }

    @ParameterizedTest
    @CsvSource({"SMB2_10", "SMB3_00", "SMB3_11"})
    void listingSharesShowsTheShareAndIpc(String protocol) throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient is not installed");
        List<String> cmd = List.of(
                SMBCLIENT.toString(),
                "-L",
                "//127.0.0.1",
                "-p",
                Integer.toString(server.port()),
                "-U",
                SmbTestServer.USER + "%" + SmbTestServer.PASSWORD,
                "-m",
                protocol,
                "--option=client min protocol=SMB2_02",
                "--use-kerberos=off",
                "-s",
                "/dev/null");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsPattern("share\\s+Disk").containsPattern("IPC\\$\\s+IPC\\s+IPC Service");
    }

    /** Each cipher and signing algorithm, forced one at a time on the client side. */
    @ParameterizedTest
    @CsvSource({
        "encrypt, client smb3 encryption algorithms = AES-128-CCM",
        "encrypt, client smb3 encryption algorithms = AES-128-GCM",
        "encrypt, client smb3 encryption algorithms = AES-256-CCM",
        "encrypt, client smb3 encryption algorithms = AES-256-GCM",
        "sign, client smb3 signing algorithms = AES-128-GMAC",
        "sign, client smb3 signing algorithms = AES-128-CMAC",
        "sign, client smb3 signing algorithms = HMAC-SHA256"
    })
    void everyAlgorithmWorksWithSmb311(String protection, String option, @TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient is not installed");
        byte[] data = new byte[200_000];
        new Random(5).nextBytes(data);
        Files.write(tmp.resolve("alg.bin"), data);
        String name = "alg-" + Integer.toHexString(option.hashCode()) + ".bin";
        Result r = smbclient(
                "SMB3_11", protection, tmp, "put alg.bin " + name + "; get " + name + " back.bin; rm " + name, option);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("NT_STATUS_");
        assertThat(Files.readAllBytes(tmp.resolve("back.bin"))).isEqualTo(data);
    }

    @ParameterizedTest
    @CsvSource({"SMB3_11, sign"})
    void aHardLinkSharesTheContentAndOutlivesTheFirstName(String protocol, String protection, @TempDir Path tmp)
            throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient is not installed");
        Files.writeString(tmp.resolve("orig.txt"), "linked content");
        Result r = smbclient(
                protocol,
                protection,
                tmp,
                "put orig.txt hl-orig.txt; hardlink hl-orig.txt hl-link.txt; rm hl-orig.txt; get hl-link.txt back.txt; rm hl-link.txt");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("NT_STATUS_");
        assertThat(Files.readString(tmp.resolve("back.txt"))).isEqualTo("linked content");
    }

    @ParameterizedTest
    @CsvSource({"SMB3_11"})
    void rpcclientEnumeratesAndDescribesSharesOverSrvsvc(String protocol) throws Exception {
        Path rpcclient = Path.of("/usr/bin/rpcclient");
        assumeTrue(Files.isExecutable(rpcclient), "rpcclient is not installed");
        List<String> cmd = List.of(
                rpcclient.toString(),
                "127.0.0.1",
                "-p",
                Integer.toString(server.port()),
                "-U",
                SmbTestServer.USER + "%" + SmbTestServer.PASSWORD,
                "-m",
                protocol,
                "--option=client min protocol=SMB2_02",
                "--use-kerberos=off",
                "-s",
                "/dev/null",
                "-c",
                "netshareenumall; netsharegetinfo share; netsharegetinfo nosuch");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("netname: share").contains("netname: IPC$").contains("WERR_NERR_NETNAMENOTFOUND");
    }
}
