package io.dittofs.it.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.it.kernel.GuestRun;
import io.dittofs.it.kernel.GuestScript;
import io.dittofs.it.kernel.HostControl;
import io.dittofs.it.kernel.KernelGuest;
import io.dittofs.it.kernel.KernelGuests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux kernel NFSv3 client against the real daemon, in one guest boot: every check of the
 * NFSv3 issue's workload is a step, and each test below asserts its steps. Data is compared
 * after dropping the guest's page cache, so reads come from the server.
 */
class Nfs3KernelClientIT {
    private static final String M = "/mnt/v3";

    @TempDir
    static Path data;

    private static ServerUnderTest server;
    private static HostControl control;
    private static GuestRun run;

    @BeforeAll
    static void bootAndRunTheWorkload() throws Exception {
        KernelGuest guest = KernelGuests.prepareOrSkip();
        // Port 111: the kernel's lock client finds NLM through the server's portmapper.
        server = new ServerUnderTest(data, 111);
        control = new HostControl(Map.of("restart-server", () -> {
            server.stop();
            server.start();
        }));
        int port = server.nfsPort();
        GuestScript script = GuestScript.builder()
                .env("M", M)
                .env("HOST_CONTROL_PORT", control.port())
                .line("drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }")
                .line(HostControl.guestFunction())
                .loadClientModules("modules")
                .mountNfs3("mount", port, port, "/export", M, "")
                .step("sizes-round-trip", """
                        for s in 0 1 4095 4096 1048577; do
                            head -c $s /dev/urandom > /tmp/f$s
                            cp /tmp/f$s $M/f$s
                        done
                        drop
                        for s in 0 1 4095 4096 1048577; do
                            cmp /tmp/f$s $M/f$s || exit 1
                            [ "$(stat -c %s $M/f$s)" = "$s" ] || { echo "size of f$s"; exit 1; }
                        done
                        echo ok""")
                .stepTimeout(Duration.ofMinutes(4))
                .step("file-200MiB-round-trip", """
                        head -c 209715200 /dev/urandom > /tmp/big
                        want=$(sha256sum < /tmp/big)
                        cp /tmp/big $M/big && rm /tmp/big
                        drop
                        got=$(sha256sum < $M/big)
                        [ "$want" = "$got" ] && echo "$got" """)
                .step("directory-of-10000", """
                        mkdir $M/many && cd $M/many && seq -f 'entry-%05g' 10000 | xargs touch && cd /
                        drop
                        n=$(ls -f $M/many | grep -c '^entry-')
                        [ "$n" = 10000 ] && echo "$n" """)
                .stepTimeout(Duration.ofSeconds(60))
                .step("deep-mkdir", """
                        p=$M/deep; for i in $(seq 40); do p=$p/d$i; done
                        mkdir -p $p && drop && test -d $p && echo ok""")
                .step("rename-across-and-over", """
                        mkdir $M/ra $M/rb && echo one > $M/ra/x && echo two > $M/rb/y
                        mv $M/ra/x $M/rb/y && drop
                        [ ! -e $M/ra/x ] && [ "$(cat $M/rb/y)" = one ] && echo ok""")
                .step("hard-links", """
                        echo linked > $M/h1 && ln $M/h1 $M/h2 && drop
                        [ "$(stat -c %h $M/h1)" = 2 ] && [ "$(stat -c %i $M/h1)" = "$(stat -c %i $M/h2)" ] || exit 1
                        rm $M/h1 && drop && [ "$(stat -c %h $M/h2)" = 1 ] && cat $M/h2""")
                .step("symlinks", """
                        ln -s ../elsewhere/target $M/sl && drop
                        [ "$(readlink $M/sl)" = ../elsewhere/target ] && [ -L $M/sl ] && echo ok""")
                .step("chmod-chown-touch-truncate", """
                        echo data > $M/attrs
                        chmod 4751 $M/attrs && chown 1234:5678 $M/attrs
                        truncate -s 12345 $M/attrs
                        touch -m -d '2001-02-03 04:05:06 UTC' $M/attrs
                        drop
                        [ "$(stat -c %a $M/attrs)" = 751 ] || { stat -c %a $M/attrs; exit 1; }
                        [ "$(stat -c %u:%g $M/attrs)" = 1234:5678 ] || exit 1
                        [ "$(stat -c %Y $M/attrs)" = 981173106 ] || { stat -c %Y $M/attrs; exit 1; }
                        [ "$(stat -c %s $M/attrs)" = 12345 ] || exit 1
                        [ "$(tail -c +6 $M/attrs | tr -d '\\0' | wc -c)" = 0 ] && echo ok""")
                .step("remount-keeps-everything", """
                        umount $M && mount_nfs3 %d %d /export $M "" >/dev/null && cmp /tmp/f1048577 $M/f1048577 \
                            && [ "$(cat $M/rb/y)" = one ] && echo ok""".formatted(port, port))
                .step("server-restart-while-mounted", """
                        echo before-restart > $M/survivor && sync
                        guest_ask restart-server || exit 1
                        drop
                        [ "$(cat $M/survivor)" = before-restart ] || exit 1
                        echo after-restart > $M/newcomer && drop && [ "$(cat $M/newcomer)" = after-restart ] \
                            && cmp /tmp/f4095 $M/f4095 && echo ok""")
                .step("lock-mount", """
                        rpcbind && rpc.statd --no-notify || { echo "rpcbind/statd did not start"; exit 1; }
                        mkdir -p /mnt/locks && mount -t nfs \\
                            -o vers=3,proto=tcp,port=%d,mountport=%d,mountproto=tcp $HOST_IP:/export /mnt/locks \\
                            && grep /mnt/locks /proc/mounts | grep -vq nolock && echo ok""".formatted(port, port))
                .step("flock-contended-by-two-processes", """
                        : > /mnt/locks/lockfile && rm -f /tmp/held
                        flock -x /mnt/locks/lockfile -c 'touch /tmp/held; sleep 6' &
                        while [ ! -e /tmp/held ]; do sleep 0.1; done
                        if flock -n -x /mnt/locks/lockfile -c true; then echo "granted while held"; exit 1; fi
                        wait
                        flock -n -x /mnt/locks/lockfile -c true && echo ok""")
                .step("fcntl-byte-ranges", """
                        python3 - <<'PY'
                        import fcntl, os, subprocess, sys, time
                        path = "/mnt/locks/ranges"
                        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                        fcntl.lockf(fd, fcntl.LOCK_EX, 100, 0)   # bytes 0..99
                        probe = "import fcntl,os;fd=os.open('%s',os.O_RDWR);fcntl.lockf(fd,fcntl.LOCK_EX|fcntl.LOCK_NB,%d,%d)"
                        def other(length, start):
                            return subprocess.run([sys.executable, "-c", probe % (path, length, start)]).returncode
                        assert other(10, 50) != 0, "overlapping range granted to another process"
                        assert other(100, 100) == 0, "disjoint range refused"
                        fcntl.lockf(fd, fcntl.LOCK_UN, 100, 0)
                        assert other(10, 50) == 0, "range still locked after unlock"
                        print("ok")
                        PY""")
                .step("lock-unmount", "umount /mnt/locks && echo ok")
                .step("rmdir-and-unlink", """
                        rm -r $M/many $M/deep && [ ! -e $M/many ] && echo ok""")
                .step("unmount", "umount " + M + " && echo ok")
                .line("exit 0")
                .build();
        run = guest.run("nfs3", script, Duration.ofMinutes(12));
        System.out.println(run.summary());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (control != null) {
            control.close();
        }
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
    void theKernelClientMounts() {
        assertStep("mount");
    }

    @Test
    void filesOfEverySizeReadBackByteForByte() {
        assertStep("sizes-round-trip");
        assertStep("file-200MiB-round-trip");
    }

    @Test
    void aDirectoryOfTenThousandEntriesListsCompletely() {
        assertStep("directory-of-10000");
        assertThat(run.step("directory-of-10000").detail()).contains("10000");
    }

    @Test
    void namespaceOperationsBehave() {
        assertStep("deep-mkdir");
        assertStep("rename-across-and-over");
        assertStep("hard-links");
        assertStep("symlinks");
        assertStep("rmdir-and-unlink");
    }

    @Test
    void attributesRoundTrip() {
        assertStep("chmod-chown-touch-truncate");
    }

    @Test
    void theClientCarriesOnWhenTheServerRestartsUnderIt() {
        assertStep("server-restart-while-mounted");
    }

    @Test
    void locksTakenByTwoProcessesContendOnTheServer() {
        assertStep("lock-mount");
        assertStep("flock-contended-by-two-processes");
        assertStep("fcntl-byte-ranges");
        assertStep("lock-unmount");
    }

    @Test
    void unmountingAndMountingAgainKeepsTheData() {
        assertStep("remount-keeps-everything");
        assertStep("unmount");
    }
}
