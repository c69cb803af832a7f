package io.dittofs.it.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceType;
import io.dittofs.runtime.acl.Who;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.server.EmbeddedDefault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samba's {@code smbcacls} (Debian {@code smbclient}) against the real daemon: an ACE added,
 * listed, modified and deleted through security descriptors, and what the runtime, whose ACL NFSv4
 * also serves, holds after each step. smbcacls has no port option (Samba 4.17 ignores "smb ports"
 * in the client), so this test serves SMB on 445 and needs the right to bind it (root, as CI runs).
 */
class SmbcaclsIT {
    private static final Path SMBCACLS = Path.of("/usr/bin/smbcacls");
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    private static final int SMB_PORT = 445;
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    @TempDir
    static Path data;

    private static ServerUnderTest server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SMBCACLS), "smbcacls is not installed");
        assumeTrue(canBind(SMB_PORT), "port 445 cannot be bound here (not root, or taken)");
        server = new ServerUnderTest(data, 0, SMB_PORT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(Path binary, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "//127.0.0.1/" + EmbeddedDefault.SHARE,
                "-U",
                ServerUnderTest.USER + "%" + ServerUnderTest.PASSWORD,
                "-W",
                "WORKGROUP",
                "--use-kerberos=off",
                "-s",
                "/dev/null"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Result smbcacls(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("cacls.txt", "--numeric"));
        all.addAll(List.of(args));
        Result r = run(SMBCACLS, all.toArray(String[]::new));
        assertThat(r.exit()).as(r.output()).isZero();
        return r;
    }

    private static List<Ace> runtimeAcl() {
        FileSystem fs = server.daemon()
                .runtime()
                .shares()
                .byName(EmbeddedDefault.SHARE)
                .orElseThrow()
                .fileSystem();
        return fs.getAcl(ROOT, fs.lookup(ROOT, fs.root(), "cacls.txt").id()).aces();
    }

    @Test
    void anAceAddedModifiedAndDeletedBySmbcaclsIsTheRuntimesAcl(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("cacls.txt"), "access lists\n");
        Result put = run(SMBCLIENT, "-c", "lcd " + tmp + "; put cacls.txt");
        assertThat(put.exit()).as(put.output()).isZero();

        // uid 1001 has no name here: its SID is S-1-22-1-1001, as Samba maps unmapped uids.
        smbcacls("--add", "ACL:S-1-22-1-1001:DENIED/0x0/READ");
        String listed = smbcacls().output();
        assertThat(listed).contains("ACL:S-1-22-1-1001:1/0x0/0x001200a9"); // type 1: denied
        assertThat(runtimeAcl())
                .filteredOn(a -> a.who().equals(new Who.User(1001)))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.type()).isEqualTo(AceType.DENY);
                    assertThat(a.mask() & 0x1).as("READ_DATA denied").isEqualTo(0x1);
                });

        // CHANGE is Samba's directory-style write set, with DELETE_CHILD (0x40): kept as given.
        smbcacls("--modify", "ACL:S-1-22-1-1001:DENIED/0x0/CHANGE");
        assertThat(smbcacls().output()).contains("ACL:S-1-22-1-1001:1/0x0/0x001301ff");
        assertThat(runtimeAcl())
                .filteredOn(a -> a.who().equals(new Who.User(1001)))
                .singleElement()
                .satisfies(
                        a -> assertThat(a.mask() & 0x2).as("WRITE_DATA denied").isEqualTo(0x2));

        smbcacls("--delete", "ACL:S-1-22-1-1001:DENIED/0x0/CHANGE");
        assertThat(smbcacls().output()).doesNotContain("S-1-22-1-1001");
        assertThat(runtimeAcl()).noneMatch(a -> a.who().equals(new Who.User(1001)));
    }
}
