package io.dittofs.it.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.it.kernel.GuestRun;
import io.dittofs.it.kernel.GuestScript;
import io.dittofs.it.kernel.KernelGuest;
import io.dittofs.it.kernel.KernelGuests;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux kernel CIFS client against the real daemon, in one guest boot: SMB 3.1.1 with
 * signing for the workload, SMB 2.1, 3.0 and 3.1.1 signed and sealed (encrypted) for a round
 * trip each, then the same share over NFSv3 from the same guest to see the same files.
 */
class CifsKernelClientIT {
    private static final String S = "/mnt/smb";
    private static final String N = "/mnt/nfs";

    @TempDir
    static Path data;

    private static ServerUnderTest server;
    private static GuestRun run;

    @BeforeAll
    static void bootAndRunTheWorkload() throws Exception {
        KernelGuest guest = KernelGuests.prepareOrSkip();
        server = new ServerUnderTest(data);
        GuestScript script = GuestScript.builder()
                .env("S", S)
                .env("N", N)
                .line("drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }")
                .loadClientModules("modules")
                .mountCifs(
                        "mount-smb",
                        server.smbPort(),
                        "export",
                        S,
                        ServerUnderTest.USER,
                        ServerUnderTest.PASSWORD,
                        "sign")
                .step("sizes-round-trip", """
                        for s in 0 1 4095 4096 1048577; do
                            head -c $s /dev/urandom > /tmp/f$s
                            cp /tmp/f$s $S/f$s
                        done
                        drop
                        for s in 0 1 4095 4096 1048577; do
                            cmp /tmp/f$s $S/f$s || exit 1
                        done
                        echo ok""")
                .step("directory-listing", """
                        mkdir $S/dir && for i in $(seq 300); do : > $S/dir/file-$i; done
                        drop
                        n=$(ls $S/dir | wc -l); [ "$n" = 300 ] && echo "$n" """)
                .step("rename-and-remove", """
                        echo one > $S/a && mv $S/a $S/dir/b && [ "$(cat $S/dir/b)" = one ] || exit 1
                        rm $S/dir/b && [ ! -e $S/dir/b ] || exit 1
                        rm -r $S/dir && [ ! -e $S/dir ] && echo ok""")
                .step("truncate", "truncate -s 100000 $S/f1 && [ \"$(stat -c %s $S/f1)\" = 100000 ] && echo ok")
                .env("SMB_PORT", server.smbPort())
                .env("PASSWD", ServerUnderTest.PASSWORD)
                .line("""
                        dialect_round_trip() { # VERS PROTECTION
                            d=/mnt/d-$1-$2 && mkdir -p $d
                            mount -t cifs //$HOST_IP/export $d \\
                                -o vers=$1,port=$SMB_PORT,username=alice,$2 || return 1
                            cp /tmp/f1048577 $d/d-$1-$2 && drop && cmp /tmp/f1048577 $d/d-$1-$2 || return 1
                            grep " $d " /proc/mounts | grep -q "vers=$1" || { echo "not vers=$1"; return 1; }
                            rm $d/d-$1-$2 && umount $d && echo ok
                        }""")
                .step("smb2.1-signed", "dialect_round_trip 2.1 sign")
                .step("smb3.0-signed", "dialect_round_trip 3.0 sign")
                .step("smb3.0-sealed", "dialect_round_trip 3.0 seal")
                .step("smb3.1.1-signed", "dialect_round_trip 3.1.1 sign")
                .step("smb3.1.1-sealed", "dialect_round_trip 3.1.1 seal")
                .mountNfs3("mount-nfs", server.nfsPort(), server.nfsPort(), "/export", N, "")
                .step("nfs-sees-smb-writes", "cmp /tmp/f1048577 $N/f1048577 && echo ok")
                .step("smb-sees-nfs-writes", """
                        echo from-nfs > $N/from-nfs && drop && [ "$(cat $S/from-nfs)" = from-nfs ] && echo ok""")
                // The SMB mount lists the share root (under a directory lease, when the kernel takes
                // one) and must see names NFS adds and removes at once: the lease is broken for them.
                .step("smb-listing-follows-nfs-names", """
                        ls $S > /dev/null && ls $S > /dev/null
                        echo x > $N/nfs-new
                        ls $S | grep -qx nfs-new || { echo "listing misses nfs-new"; exit 1; }
                        rm $N/nfs-new
                        if ls $S | grep -qx nfs-new; then echo "listing keeps nfs-new"; exit 1; fi
                        echo ok""")
                .step("unmount", "umount " + S + " && umount " + N + " && echo ok")
                .line("exit 0")
                .build();
        run = guest.run("cifs", script, Duration.ofMinutes(6));
        System.out.println(run.summary());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertStep(String name) {
        assertThat(run.step(name).ok())
                .as(name + ": " + run.step(name) + "\n" + run.summary())
                .isTrue();
    }

    @Test
    void theKernelClientMountsWithSmb311AndSigning() {
        assertStep("mount-smb");
    }

    @Test
    void filesRoundTripAndDirectoriesList() {
        assertStep("sizes-round-trip");
        assertStep("directory-listing");
        assertStep("rename-and-remove");
        assertStep("truncate");
    }

    @Test
    void everyDialectWorksSignedAndSealed() {
        for (String step :
                new String[] {"smb2.1-signed", "smb3.0-signed", "smb3.0-sealed", "smb3.1.1-signed", "smb3.1.1-sealed"
                }) {
            assertStep(step);
        }
    }

    @Test
    void nfsAndSmbSeeTheSameFiles() {
        assertStep("mount-nfs");
        assertStep("nfs-sees-smb-writes");
        assertStep("smb-sees-nfs-writes");
        assertStep("smb-listing-follows-nfs-names");
        assertStep("unmount");
    }
}
