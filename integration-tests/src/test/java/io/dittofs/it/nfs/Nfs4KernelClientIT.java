package io.dittofs.it.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.it.kernel.GuestRun;
import io.dittofs.it.kernel.GuestScript;
import io.dittofs.it.kernel.HostControl;
import io.dittofs.it.kernel.KernelGuest;
import io.dittofs.it.kernel.KernelGuests;
import io.dittofs.nfs.client.MountClient;
import io.dittofs.nfs.client.Nfs3Client;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.mount.MountRes3;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Lookup3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.runtime.fs.Stability;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux kernel NFSv4 client against the real daemon, in one guest boot: the NFSv3 issue's
 * workload over {@code vers=4.0} and over {@code vers=4.1}, a mount without {@code vers=} that
 * must settle on 4.1 (the client asks for 4.2 first and falls back on
 * NFS4ERR_MINOR_VERS_MISMATCH), byte-range locks contended by two processes, a read delegation
 * of the 4.1 client recalled when the 4.0 client (another client id) writes the file, and when
 * the host writes or removes it over NFSv3 (through {@link HostControl}), a blocked 4.1 lock
 * woken by CB_NOTIFY_LOCK, and a server restart while a file is open and locked, after which
 * the client reclaims both; and NFSv4 ACLs set and read with nfs4-acl-tools, enforced against
 * other uids, kept consistent by chmod and inherited by new files.
 */
class Nfs4KernelClientIT {
    private static final OpaqueAuth ALICE = new AuthSysParms(0, "it", 1000, 1000, new int[] {1000}).toCredential();

    @TempDir
    static Path data;

    private static ServerUnderTest server;
    private static HostControl control;
    private static GuestRun run;

    /** The workload of {@code Nfs3KernelClientIT}, as a shell function of the mount point. */
    private static final String WORKLOAD = """
            drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }
            sizes() {
                for s in 0 1 4095 4096 1048577; do
                    head -c $s /dev/urandom > /tmp/f$s; cp /tmp/f$s $1/f$s || return 1
                done
                drop
                for s in 0 1 4095 4096 1048577; do
                    cmp /tmp/f$s $1/f$s || return 1
                    [ "$(stat -c %s $1/f$s)" = "$s" ] || { echo "size of f$s"; return 1; }
                done
                echo ok
            }
            big() {
                head -c $2 /dev/urandom > /tmp/big; want=$(sha256sum < /tmp/big)
                cp /tmp/big $1/big && rm /tmp/big && drop
                got=$(sha256sum < $1/big); [ "$want" = "$got" ] && echo "$got"
            }
            many() {
                mkdir $1/many && (cd $1/many && seq -f 'entry-%05g' $2 | xargs touch) && drop
                n=$(ls -f $1/many | grep -c '^entry-'); [ "$n" = $2 ] && echo "$n"
            }
            deep() { p=$1/deep; for i in $(seq 40); do p=$p/d$i; done; mkdir -p $p && drop && test -d $p && echo ok; }
            renames() {
                mkdir $1/ra $1/rb && echo one > $1/ra/x && echo two > $1/rb/y
                mv $1/ra/x $1/rb/y && drop && [ ! -e $1/ra/x ] && [ "$(cat $1/rb/y)" = one ] && echo ok
            }
            links() {
                echo linked > $1/h1 && ln $1/h1 $1/h2 && drop
                [ "$(stat -c %h $1/h1)" = 2 ] && [ "$(stat -c %i $1/h1)" = "$(stat -c %i $1/h2)" ] || return 1
                rm $1/h1 && drop && [ "$(stat -c %h $1/h2)" = 1 ] && cat $1/h2
            }
            symlinks() {
                ln -s ../elsewhere/target $1/sl && drop
                [ "$(readlink $1/sl)" = ../elsewhere/target ] && [ -L $1/sl ] && echo ok
            }
            attrs() {
                echo data > $1/attrs && chmod 4751 $1/attrs && chown 1234:5678 $1/attrs
                truncate -s 12345 $1/attrs && touch -m -d '2001-02-03 04:05:06 UTC' $1/attrs && drop
                [ "$(stat -c %a $1/attrs)" = 751 ] || { stat -c %a $1/attrs; return 1; }
                [ "$(stat -c %u:%g $1/attrs)" = 1234:5678 ] || { stat -c %u:%g $1/attrs; return 1; }
                [ "$(stat -c %Y $1/attrs)" = 981173106 ] || { stat -c %Y $1/attrs; return 1; }
                [ "$(stat -c %s $1/attrs)" = 12345 ] || return 1
                [ "$(tail -c +6 $1/attrs | tr -d '\\0' | wc -c)" = 0 ] && echo ok
            }
            ops_of() { # MOUNTPOINT OP: how many OP calls the mount has made (mountstats)
                awk -v m="mounted on $1 " 'index($0, m) {f = 1; next} /^device/ {f = 0} f && $1 == "'$2':" {print $2; exit}' \
                    /proc/self/mountstats
            }
            cleanup() { rm -r $1/many $1/deep && [ ! -e $1/many ] && echo ok; }
            read_as() { # UID FILE: reads FILE as UID (and gid UID, no other groups); fails when refused
                python3 -c 'import os, sys; u = int(sys.argv[1]); os.setgroups([]); os.setgid(u); os.setuid(u); open(sys.argv[2]).read()' "$@" 2>/dev/null
            }
            recalled_by_host() { # FILE ACTION: the 4.1 mount holds a read delegation of FILE while the host
                # does ACTION to it over NFSv3; the host's change waits until the recalled delegation came back
                mkdir -p $(dirname $1) && chmod 777 $(dirname $1) # the host's client is not root
                echo original > $1 && chmod 666 $1 && sync && drop
                exec 7<$1 && cat $1 > /dev/null
                before=$(ops_of /mnt/v41 DELEGRETURN)
                guest_ask $2 || return 1
                after=$(ops_of /mnt/v41 DELEGRETURN)
                exec 7<&-
                echo "DELEGRETURN $before -> $after"
                [ "$after" -gt "$before" ]
            }
            """;

    @BeforeAll
    static void bootAndRunTheWorkload() throws Exception {
        KernelGuest guest = KernelGuests.prepareOrSkip();
        server = new ServerUnderTest(data);
        control = new HostControl(Map.of(
                "restart-server",
                () -> {
                    server.stop();
                    server.start();
                },
                "host-writes-over-nfs3",
                () -> overNfs3((nfs, dir) -> nfs.write(
                                ((Lookup3.Ok) nfs.lookup(dir, "w")).object(),
                                0,
                                "from the host\n".getBytes(StandardCharsets.UTF_8),
                                Stability.FILE_SYNC)
                        instanceof Write3.Res.Ok),
                "host-removes-over-nfs3",
                () -> overNfs3((nfs, dir) -> nfs.remove(dir, "r").status() == Nfsstat3.NFS3_OK)));
        int port = server.nfsPort();
        GuestScript.Builder script = GuestScript.builder()
                .env("HOST_CONTROL_PORT", control.port())
                .line(HostControl.guestFunction())
                .line(WORKLOAD)
                .loadClientModules("modules");
        for (String v : new String[] {"4.0", "4.1"}) {
            String m = "/mnt/v" + v.replace(".", "");
            String p = "v" + v + "-";
            String w = m + "/w" + v.replace(".", "");
            script.mountNfs4(p + "mount", port, "/export", m, v, "")
                    .step(p + "mounted-as", "grep ' " + m + " ' /proc/mounts | grep -q 'vers=" + v + "' && echo ok")
                    .step(
                            p + "pseudo-root-lists-the-share",
                            "mkdir -p /mnt/root" + v + " && mount -t nfs -o vers=" + v
                                    + ",proto=tcp,port=" + port + " $HOST_IP:/ /mnt/root" + v + " && ls /mnt/root" + v
                                    + " | grep -qx export && umount /mnt/root" + v + " && echo ok")
                    .step(p + "sizes-round-trip", "mkdir -p " + w + " && sizes " + w)
                    .stepTimeout(Duration.ofMinutes(4))
                    // 4.1 gets the NFSv3 workload's 10,000-entry directory; 4.0 smaller sizes, since both run in
                    // one emulated guest on CI's two cores and the paths they take are the same.
                    .step(p + "file-round-trip", "big " + w + " " + (v.equals("4.1") ? 104857600 : 33554432))
                    .step(p + "big-directory", "many " + w + " " + (v.equals("4.1") ? 10000 : 2000))
                    .stepTimeout(Duration.ofSeconds(60))
                    .step(p + "deep-mkdir", "deep " + w + "")
                    .step(p + "rename-across-and-over", "renames " + w + "")
                    .step(p + "hard-links", "links " + w + "")
                    .step(p + "symlinks", "symlinks " + w + "")
                    .step(p + "chmod-chown-touch-truncate", "attrs " + w + "")
                    .step(p + "flock-contended-by-two-processes", """
                            : > %1$s/lockfile && rm -f /tmp/held
                            flock -x %1$s/lockfile -c 'touch /tmp/held; sleep 6' &
                            while [ ! -e /tmp/held ]; do sleep 0.1; done
                            if flock -n -x %1$s/lockfile -c true; then echo "granted while held"; exit 1; fi
                            wait
                            flock -n -x %1$s/lockfile -c true && echo ok""".formatted(w))
                    .step(p + "fcntl-byte-ranges", """
                            python3 - %s/ranges <<'PY'
                            import fcntl, os, subprocess, sys
                            path = sys.argv[1]
                            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                            fcntl.lockf(fd, fcntl.LOCK_EX, 100, 0)
                            probe = "import fcntl,os;fd=os.open('%%s',os.O_RDWR);fcntl.lockf(fd,fcntl.LOCK_EX|fcntl.LOCK_NB,%%d,%%d)"
                            def other(length, start):
                                return subprocess.run([sys.executable, "-c", probe %% (path, length, start)]).returncode
                            assert other(10, 50) != 0, "overlapping range granted to another process"
                            assert other(100, 100) == 0, "disjoint range refused"
                            fcntl.lockf(fd, fcntl.LOCK_UN, 100, 0)
                            assert other(10, 50) == 0, "range still locked after unlock"
                            print("ok")
                            PY""".formatted(w))
                    .step(
                            p + "remount-keeps-everything",
                            "umount " + m + " && mount_nfs4 " + port + " /export " + m
                                    + " " + v + " && cmp /tmp/f1048577 " + w + "/f1048577 && [ \"$(cat " + w
                                    + "/rb/y)\" = one ] && echo ok");
        }
        script.step("v4.1-read-delegation-recalled-by-a-writer", """
                        f=w41/deleg
                        echo original > /mnt/v41/$f && sync && drop
                        exec 7</mnt/v41/$f && cat /mnt/v41/$f > /dev/null
                        before=$(ops_of /mnt/v41 DELEGRETURN)
                        echo changed > /mnt/v40/$f || exit 1
                        exec 7<&-
                        after=$(ops_of /mnt/v41 DELEGRETURN)
                        echo "DELEGRETURN $before -> $after"
                        [ "$(cat /mnt/v41/$f)" = changed ] && [ "$after" -gt "$before" ] && echo ok""")
                // nfs4-acl-tools over the 4.1 mount: the ACL is sent and read as the raw acl attribute, so
                // what nfs4_getfacl prints is what the server stored. uids 1001 and 1002 have no name on the
                // server, so their who strings are the bare numbers.
                .step("v4.1-nfs4-acl-round-trip", """
                        f=/mnt/v41/w41/aclf
                        echo secret > $f && chmod 600 $f
                        nfs4_setfacl -s 'A::OWNER@:rwatTcCy,D::1001:r,A::EVERYONE@:rtcy' $f || exit 1
                        sleep 4; drop
                        nfs4_getfacl $f; stat -c %a $f
                        nfs4_getfacl $f | grep -qx 'D::1001:r' && nfs4_getfacl $f | grep -q '^A::OWNER@:rw' \
                            && nfs4_getfacl $f | grep -q '^A::EVERYONE@:r' && [ "$(stat -c %a $f)" = 644 ] && echo ok""")
                .step("v4.1-acl-deny-is-enforced", """
                        f=/mnt/v41/w41/aclf
                        if read_as 1001 $f; then echo "uid 1001 read through a deny ACE"; exit 1; fi
                        read_as 1002 $f && echo ok""")
                .step("v4.1-chmod-keeps-the-acl-consistent", """
                        f=/mnt/v41/w41/aclf
                        chmod 640 $f && nfs4_getfacl $f || exit 1
                        nfs4_getfacl $f | grep -qx 'D::1001:r' || { echo "named ACE lost"; exit 1; }
                        if read_as 1002 $f; then echo "uid 1002 read after chmod 640"; exit 1; fi
                        echo ok""")
                .step("v4.1-acl-inherited-by-new-files", """
                        d=/mnt/v41/w41/acld
                        mkdir $d && nfs4_setfacl -s 'A::OWNER@:rwaDxtTcCy,D:fd:1001:r,A:fd:EVERYONE@:rwaDxtcy' $d || exit 1
                        echo hi > $d/new && nfs4_getfacl $d/new || exit 1
                        nfs4_getfacl $d/new | grep -q '^D:[^:]*:1001:r$' || { echo "deny ACE not inherited"; exit 1; }
                        if read_as 1001 $d/new; then echo "inherited deny not enforced"; exit 1; fi
                        read_as 1002 $d/new && echo ok""")
                .step(
                        "v4.1-read-delegation-recalled-by-a-host-nfs3-write",
                        "recalled_by_host /mnt/v41/w41/host/w host-writes-over-nfs3 && [ \"$(cat /mnt/v41/w41/host/w)\" = \"from the host\" ] && echo ok")
                // The guest's cached name lives until its directory's attributes expire (acdirmin):
                // the delegation covered the file, not the directory, so the caches are dropped first.
                .step(
                        "v4.1-read-delegation-recalled-by-a-host-nfs3-remove",
                        "recalled_by_host /mnt/v41/w41/host/r host-removes-over-nfs3 && drop && [ ! -e /mnt/v41/w41/host/r ] && echo ok")
                .step("v4.1-blocked-lock-is-notified-when-released", """
                        python3 - /mnt/v41/w41/blocked <<'PY'
                        import fcntl, os, subprocess, sys, time
                        path = sys.argv[1]
                        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                        fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0)
                        wait = "import fcntl,os,sys;fd=os.open(sys.argv[1],os.O_RDWR);fcntl.lockf(fd,fcntl.LOCK_EX,10,0)"
                        waiter = subprocess.Popen([sys.executable, "-c", wait, path])
                        time.sleep(4)
                        assert waiter.poll() is None, "granted while held"
                        released = time.time()
                        fcntl.lockf(fd, fcntl.LOCK_UN, 10, 0)
                        assert waiter.wait(timeout=60) == 0
                        after = time.time() - released
                        print("granted %.1f s after the release" % after)
                        # The server said OPEN4_RESULT_MAY_NOTIFY_LOCK, so the client waits for CB_NOTIFY_LOCK
                        # (or its 30 s timeout) instead of polling.
                        assert after < 10, "no CB_NOTIFY_LOCK: the waiter slept until its timeout"
                        print("ok")
                        PY""")
                .step("v4.1-server-restart-with-open-and-locked-file", """
                        python3 - /mnt/v41/w41/held <<'PY'
                        import fcntl, os, socket, subprocess, sys
                        path = sys.argv[1]
                        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                        os.write(fd, b"before")
                        fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0)
                        with socket.create_connection((os.environ.get("HOST_IP", "10.0.2.2"), int(os.environ["HOST_CONTROL_PORT"]))) as s:
                            s.sendall(b"restart-server" + bytes([10]))
                            answer = s.makefile().readline().strip()
                        assert answer == "done", "restart: " + answer
                        os.lseek(fd, 0, 0)
                        os.write(fd, b"after!")
                        os.fsync(fd)
                        probe = "import fcntl,os;fd=os.open('%s',os.O_RDWR);fcntl.lockf(fd,fcntl.LOCK_EX|fcntl.LOCK_NB,10,0)" % path
                        assert subprocess.run([sys.executable, "-c", probe]).returncode != 0, "lock lost over the restart"
                        fcntl.lockf(fd, fcntl.LOCK_UN, 10, 0)
                        assert subprocess.run([sys.executable, "-c", probe]).returncode == 0, "unlock after reclaim"
                        os.close(fd)
                        assert open(path, "rb").read() == b"after!"
                        print("ok")
                        PY""")
                .stepTimeout(Duration.ofMinutes(4))
                .step("v4.0-cleanup", "cleanup /mnt/v40/w40 && umount /mnt/v40 && echo ok")
                .step("v4.1-cleanup", "cleanup /mnt/v41/w41 && umount /mnt/v41 && echo ok")
                .stepTimeout(Duration.ofSeconds(60))
                .step("plain-mount-settles-on-4.1", """
                        mkdir -p /mnt/plain && mount -t nfs -o proto=tcp,port=%d $HOST_IP:/export /mnt/plain \\
                            && grep ' /mnt/plain ' /proc/mounts && grep ' /mnt/plain ' /proc/mounts | grep -q vers=4.1 \\
                            && cmp /tmp/f4095 /mnt/plain/w41/f4095 && umount /mnt/plain && echo ok""".formatted(port))
                .step("kernel-messages", "dmesg | grep -i -E 'nfs|rpc' | tail -20; true")
                .line("exit 0");
        run = guest.run("nfs4", script.build(), Duration.ofMinutes(15));
        System.out.println(run.summary());
    }

    /** Runs {@code change} with an NFSv3 client of the host in the guest's directory {@code w41/host}. */
    private static void overNfs3(java.util.function.BiPredicate<Nfs3Client, FileHandle3> change) throws Exception {
        try (RpcClient rpc = RpcClient.connect(
                new InetSocketAddress("127.0.0.1", server.nfsPort()), 4 << 20, Duration.ofSeconds(60))) {
            FileHandle3 root = ((MountRes3.Ok) new MountClient(rpc, ALICE).mnt("/export")).handle();
            Nfs3Client nfs = new Nfs3Client(rpc, ALICE);
            FileHandle3 w41 = ((Lookup3.Ok) nfs.lookup(root, "w41")).object();
            if (!change.test(nfs, ((Lookup3.Ok) nfs.lookup(w41, "host")).object())) {
                throw new IllegalStateException("the NFSv3 change failed");
            }
        }
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

    private static void assertSteps(String... names) {
        for (String name : names) {
            assertThat(run.step(name).ok())
                    .as(name + ": " + run.step(name) + "\n" + run.summary())
                    .isTrue();
        }
    }

    private static void assertWorkload(String v) {
        String p = "v" + v + "-";
        assertSteps(
                p + "mount",
                p + "mounted-as",
                p + "pseudo-root-lists-the-share",
                p + "sizes-round-trip",
                p + "file-round-trip",
                p + "big-directory",
                p + "deep-mkdir",
                p + "rename-across-and-over",
                p + "hard-links",
                p + "symlinks",
                p + "chmod-chown-touch-truncate",
                p + "remount-keeps-everything",
                p + "cleanup");
    }

    @Test
    void theNfs3WorkloadRunsOverVersion40() {
        assertWorkload("4.0");
    }

    @Test
    void theNfs3WorkloadRunsOverVersion41() {
        assertWorkload("4.1");
    }

    @Test
    void locksTakenByTwoProcessesContendOverBothMinorVersions() {
        assertSteps(
                "v4.0-flock-contended-by-two-processes",
                "v4.0-fcntl-byte-ranges",
                "v4.1-flock-contended-by-two-processes",
                "v4.1-fcntl-byte-ranges");
    }

    @Test
    void aBlockedVersion41LockIsWokenByCbNotifyLock() {
        assertSteps("v4.1-blocked-lock-is-notified-when-released");
    }

    @Test
    void openAndLockedFilesAreReclaimedAfterAServerRestart() {
        assertSteps("v4.1-server-restart-with-open-and-locked-file");
    }

    @Test
    void aReadDelegationIsRecalledWhenAnotherClientWrites() {
        assertSteps("v4.1-read-delegation-recalled-by-a-writer");
    }

    @Test
    void nfs4AclsRoundTripThroughNfs4AclToolsAndAreEnforced() {
        assertSteps(
                "v4.1-nfs4-acl-round-trip",
                "v4.1-acl-deny-is-enforced",
                "v4.1-chmod-keeps-the-acl-consistent",
                "v4.1-acl-inherited-by-new-files");
    }

    @Test
    void aReadDelegationIsRecalledWhenTheHostWritesOrRemovesTheFileOverNfs3() {
        assertSteps(
                "v4.1-read-delegation-recalled-by-a-host-nfs3-write",
                "v4.1-read-delegation-recalled-by-a-host-nfs3-remove");
    }

    @Test
    void aMountWithoutVersSettlesOnVersion41() {
        assertSteps("plain-mount-settles-on-4.1");
    }
}
