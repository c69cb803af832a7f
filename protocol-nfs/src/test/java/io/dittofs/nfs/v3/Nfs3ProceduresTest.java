package io.dittofs.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.v3.xdr.Access3;
import io.dittofs.nfs.v3.xdr.Commit3;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Fattr3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Fsinfo3;
import io.dittofs.nfs.v3.xdr.Fsstat3;
import io.dittofs.nfs.v3.xdr.Getattr3;
import io.dittofs.nfs.v3.xdr.Link3;
import io.dittofs.nfs.v3.xdr.Lookup3;
import io.dittofs.nfs.v3.xdr.NfsTime3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Pathconf3;
import io.dittofs.nfs.v3.xdr.PostOpFail3;
import io.dittofs.nfs.v3.xdr.Read3;
import io.dittofs.nfs.v3.xdr.Readdir3;
import io.dittofs.nfs.v3.xdr.Readdirplus3;
import io.dittofs.nfs.v3.xdr.Readlink3;
import io.dittofs.nfs.v3.xdr.Rename3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.runtime.fs.Access;
import io.dittofs.runtime.fs.Stability;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every NFSv3 procedure through the real adapter and runtime, with our own client. */
class Nfs3ProceduresTest {
    private static TestServer server;
    private static TestServer.Mounted m;
    private static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        io.dittofs.nfs.Leaks.install();
        server = TestServer.start();
        m = server.mount();
    }

    @AfterAll
    static void stop() {
        m.close();
        server.close();
        io.dittofs.nfs.Leaks.assertNone();
    }

    private static String name() {
        return "f" + names.incrementAndGet();
    }

    private static DirOpRes3.Ok create(FileHandle3 dir, String name) {
        DirOpRes3 r = m.nfs().create(dir, name, new Create3.How.Guarded(Sattr3.NONE.withMode(0644)));
        assertThat(r).isInstanceOf(DirOpRes3.Ok.class);
        return (DirOpRes3.Ok) r;
    }

    private static FileHandle3 mkdir(String name) {
        DirOpRes3 r = m.nfs().mkdir(m.root(), name, Sattr3.NONE.withMode(0755));
        return ((DirOpRes3.Ok) r).object();
    }

    private static Fattr3 attrs(FileHandle3 fh) {
        return ((Getattr3.Res.Ok) m.nfs().getattr(fh)).attributes();
    }

    @Test
    void nullAnswersNothing() {
        m.nfs().nullCall();
    }

    @Test
    void getattrOfTheRootIsADirectoryOfTheShare() {
        Fattr3 a = attrs(m.root());
        assertThat(a.type()).isEqualTo(Fattr3.NF3DIR);
        assertThat(a.fsid())
                .isEqualTo(Integer.toUnsignedLong(
                        server.shares.byName("export").orElseThrow().id()));
    }

    @Test
    void setattrChangesModeAndSizeAndReportsWcc() {
        FileHandle3 f = create(m.root(), name()).object();
        var r = m.nfs().setattr(f, Sattr3.NONE.withMode(0600).withSize(10L), null);
        assertThat(r.status()).isEqualTo(Nfsstat3.NFS3_OK);
        assertThat(r.wcc().before()).isNotNull();
        assertThat(r.wcc().after().mode()).isEqualTo(0600);
        assertThat(r.wcc().after().size()).isEqualTo(10);
    }

    @Test
    void setattrWithAStaleGuardAnswersNotSync() {
        FileHandle3 f = create(m.root(), name()).object();
        NfsTime3 ctime = attrs(f).ctime();
        var r = m.nfs().setattr(f, Sattr3.NONE.withMode(0600), new NfsTime3(ctime.seconds() - 5, 0));
        assertThat(r.status()).isEqualTo(Nfsstat3.NFS3ERR_NOT_SYNC);
        var ok = m.nfs().setattr(f, Sattr3.NONE.withMode(0600), ctime);
        assertThat(ok.status()).isEqualTo(Nfsstat3.NFS3_OK);
    }

    @Test
    void lookupFindsACreatedFileAndMissesAnAbsentOne() {
        String n = name();
        FileHandle3 f = create(m.root(), n).object();
        assertThat(((Lookup3.Ok) m.nfs().lookup(m.root(), n)).object()).isEqualTo(f);
        assertThat(((PostOpFail3) m.nfs().lookup(m.root(), "absent")).status()).isEqualTo(Nfsstat3.NFS3ERR_NOENT);
    }

    @Test
    void lookupOfATooLongNameAnswersNameTooLong() {
        assertThat(((PostOpFail3) m.nfs().lookup(m.root(), "x".repeat(300))).status())
                .isEqualTo(Nfsstat3.NFS3ERR_NAMETOOLONG);
    }

    @Test
    void accessGrantsTheOwnerReadAndModify() {
        FileHandle3 f = create(m.root(), name()).object();
        var r = (Access3.Ok) m.nfs().access(f, Access.READ | Access.MODIFY | Access.EXECUTE);
        assertThat(r.access()).isEqualTo(Access.READ | Access.MODIFY);
    }

    @Test
    void symlinkAndReadlinkKeepTheTarget() {
        String n = name();
        DirOpRes3 r = m.nfs().symlink(m.root(), n, "../some/where", Sattr3.NONE);
        FileHandle3 link = ((DirOpRes3.Ok) r).object();
        assertThat(((Readlink3.Ok) m.nfs().readlink(link)).target()).isEqualTo("../some/where");
        assertThat(attrs(link).type()).isEqualTo(Fattr3.NF3LNK);
    }

    @Test
    void writeThenReadGivesTheBytesBackWithEof() {
        FileHandle3 f = create(m.root(), name()).object();
        byte[] data = "hello, nfs".getBytes(StandardCharsets.UTF_8);
        var w = (Write3.Res.Ok) m.nfs().write(f, 0, data, Stability.FILE_SYNC);
        assertThat(w.count()).isEqualTo(data.length);
        assertThat(w.committed()).isEqualTo(Stability.FILE_SYNC);
        assertThat(w.verifier()).isEqualTo(server.runtime.bootVerifier());
        var r = (Read3.Ok) m.nfs().read(f, 0, 1000);
        try {
            assertThat(ByteBufUtil.getBytes(r.data())).isEqualTo(data);
            assertThat(r.eof()).isTrue();
        } finally {
            r.data().release();
        }
    }

    @Test
    void readPastTheEndIsEmptyWithEof() {
        FileHandle3 f = create(m.root(), name()).object();
        m.nfs().write(f, 0, new byte[10], Stability.FILE_SYNC);
        var r = (Read3.Ok) m.nfs().read(f, 100, 10);
        try {
            assertThat(r.count()).isZero();
            assertThat(r.eof()).isTrue();
        } finally {
            r.data().release();
        }
    }

    @Test
    void aWriteVerifierChangesWithEveryServerStart() throws Exception {
        try (TestServer other = TestServer.start();
                TestServer.Mounted o = other.mount()) {
            FileHandle3 f =
                    ((DirOpRes3.Ok) o.nfs().create(o.root(), "v", new Create3.How.Unchecked(Sattr3.NONE))).object();
            var w = (Write3.Res.Ok) o.nfs().write(f, 0, new byte[1], Stability.UNSTABLE);
            assertThat(w.verifier()).isNotEqualTo(server.runtime.bootVerifier());
        }
    }

    @Test
    void readClampsAHugeCountToTheNegotiatedMaximum() {
        FileHandle3 f = create(m.root(), name()).object();
        byte[] chunk = new byte[1024 * 1024];
        m.nfs().write(f, 0, chunk, Stability.UNSTABLE);
        m.nfs().write(f, chunk.length, chunk, Stability.UNSTABLE);
        var r = (Read3.Ok) m.nfs().read(f, 0, Integer.MAX_VALUE);
        try {
            assertThat(r.count()).isEqualTo(1024 * 1024);
            assertThat(r.eof()).isFalse();
        } finally {
            r.data().release();
        }
    }

    @Test
    void unstableWritesAreCommittedWithTheSameVerifier() {
        FileHandle3 f = create(m.root(), name()).object();
        var w = (Write3.Res.Ok) m.nfs().write(f, 0, new byte[100], Stability.UNSTABLE);
        var c = (Commit3.Res.Ok) m.nfs().commit(f, 0, 0);
        assertThat(c.verifier()).isEqualTo(w.verifier());
        assertThat(c.wcc().after().size()).isEqualTo(100);
    }

    @Test
    void guardedCreateOfAnExistingNameAnswersExist() {
        String n = name();
        create(m.root(), n);
        var r = m.nfs().create(m.root(), n, new Create3.How.Guarded(Sattr3.NONE));
        assertThat(((DirOpRes3.Fail) r).status()).isEqualTo(Nfsstat3.NFS3ERR_EXIST);
        var u = m.nfs().create(m.root(), n, new Create3.How.Unchecked(Sattr3.NONE));
        assertThat(u).isInstanceOf(DirOpRes3.Ok.class);
    }

    @Test
    void exclusiveCreateRetransmittedWithTheSameVerifierSucceeds() {
        String n = name();
        var first = m.nfs().create(m.root(), n, new Create3.How.Exclusive(42));
        var again = m.nfs().create(m.root(), n, new Create3.How.Exclusive(42));
        var other = m.nfs().create(m.root(), n, new Create3.How.Exclusive(43));
        assertThat(((DirOpRes3.Ok) again).object()).isEqualTo(((DirOpRes3.Ok) first).object());
        assertThat(((DirOpRes3.Fail) other).status()).isEqualTo(Nfsstat3.NFS3ERR_EXIST);
    }

    @Test
    void createReportsTheDirectoryBeforeAndAfter() {
        DirOpRes3.Ok r = create(m.root(), name());
        assertThat(r.dirWcc().before()).isNotNull();
        assertThat(r.dirWcc().after()).isNotNull();
        assertThat(r.attributes().type()).isEqualTo(Fattr3.NF3REG);
        assertThat(r.attributes().mode()).isEqualTo(0644);
    }

    @Test
    void mknodMakesAFifoAndRefusesARegularFile() {
        var r = m.nfs().mknod(m.root(), name(), Fattr3.NF3FIFO, Sattr3.NONE.withMode(0600), 0);
        assertThat(((DirOpRes3.Ok) r).attributes().type()).isEqualTo(Fattr3.NF3FIFO);
        var bad = m.nfs().mknod(m.root(), name(), Fattr3.NF3REG, Sattr3.NONE, 0);
        assertThat(((DirOpRes3.Fail) bad).status()).isEqualTo(Nfsstat3.NFS3ERR_BADTYPE);
    }

    @Test
    void removeMakesTheHandleStale() {
        String n = name();
        FileHandle3 f = create(m.root(), n).object();
        assertThat(m.nfs().remove(m.root(), n).status()).isEqualTo(Nfsstat3.NFS3_OK);
        assertThat(((Getattr3.Res.Fail) m.nfs().getattr(f)).status()).isEqualTo(Nfsstat3.NFS3ERR_STALE);
        assertThat(m.nfs().remove(m.root(), n).status()).isEqualTo(Nfsstat3.NFS3ERR_NOENT);
    }

    @Test
    void aGarbageHandleAnswersBadHandle() {
        var r = m.nfs().getattr(new FileHandle3(new byte[] {9, 9, 9}));
        assertThat(((Getattr3.Res.Fail) r).status()).isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
        byte[] unknownShare =
                FileHandle3.of(12345, new io.dittofs.runtime.fs.NodeId(1, 1)).bytes();
        var r2 = m.nfs().getattr(new FileHandle3(unknownShare));
        assertThat(((Getattr3.Res.Fail) r2).status()).isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    }

    @Test
    void rmdirRemovesOnlyEmptyDirectories() {
        String d = name();
        FileHandle3 dir = mkdir(d);
        create(dir, "inside");
        assertThat(m.nfs().rmdir(m.root(), d).status()).isEqualTo(Nfsstat3.NFS3ERR_NOTEMPTY);
        m.nfs().remove(dir, "inside");
        assertThat(m.nfs().rmdir(m.root(), d).status()).isEqualTo(Nfsstat3.NFS3_OK);
    }

    @Test
    void renameMovesAcrossDirectoriesAndOverAnExistingFile() {
        FileHandle3 a = mkdir(name());
        FileHandle3 b = mkdir(name());
        FileHandle3 moved = create(a, "x").object();
        create(b, "y");
        Rename3.Res r = m.nfs().rename(a, "x", b, "y");
        assertThat(r.status()).isEqualTo(Nfsstat3.NFS3_OK);
        assertThat(r.fromDirWcc().after()).isNotNull();
        assertThat(r.toDirWcc().after()).isNotNull();
        assertThat(((Lookup3.Ok) m.nfs().lookup(b, "y")).object()).isEqualTo(moved);
        assertThat(m.nfs().lookup(a, "x")).isInstanceOf(PostOpFail3.class);
    }

    @Test
    void linkAddsANameAndCountsIt() {
        FileHandle3 f = create(m.root(), name()).object();
        Link3.Res r = m.nfs().link(f, m.root(), name());
        assertThat(r.status()).isEqualTo(Nfsstat3.NFS3_OK);
        assertThat(r.fileAttributes().nlink()).isEqualTo(2);
        assertThat(r.linkDirWcc().after()).isNotNull();
    }

    @Test
    void readdirListsDotDotdotAndEveryEntryAcrossSmallPages() {
        FileHandle3 dir = mkdir(name());
        List<String> expected = new ArrayList<>(List.of(".", ".."));
        for (int i = 0; i < 50; i++) {
            create(dir, "entry-" + i);
            expected.add("entry-" + i);
        }
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        long verf = 0;
        boolean eof = false;
        int pages = 0;
        while (!eof) {
            var r = (Readdir3.Ok) m.nfs().readdir(dir, cookie, verf, 512);
            for (Readdir3.Entry e : r.entries()) {
                seen.add(e.name());
                cookie = e.cookie();
            }
            verf = r.cookieVerifier();
            eof = r.eof();
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isGreaterThan(3);
    }

    @Test
    void readdirCookiesStayValidWhileEntriesComeAndGo() {
        FileHandle3 dir = mkdir(name());
        for (int i = 0; i < 40; i++) {
            create(dir, "e" + i);
        }
        var first = (Readdir3.Ok) m.nfs().readdir(dir, 0, 0, 600);
        List<String> seen = new ArrayList<>(
                first.entries().stream().map(Readdir3.Entry::name).toList());
        assertThat(first.eof()).isFalse();
        String seenFile = seen.get(seen.size() - 1);
        m.nfs().remove(dir, seenFile); // already listed
        m.nfs().remove(dir, "e39"); // not listed yet: must not appear
        create(dir, "late");
        long cookie = first.entries().getLast().cookie();
        long verf = first.cookieVerifier();
        boolean eof = false;
        while (!eof) {
            var r = (Readdir3.Ok) m.nfs().readdir(dir, cookie, verf, 600);
            for (Readdir3.Entry e : r.entries()) {
                seen.add(e.name());
                cookie = e.cookie();
            }
            eof = r.eof();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            expected.add("e" + i);
        }
        assertThat(seen)
                .doesNotHaveDuplicates()
                .contains(".", "..")
                .containsAll(expected)
                .doesNotContain("e39");
    }

    @Test
    void aTenThousandEntryDirectoryIsListedCompletely() {
        FileHandle3 dir = mkdir(name());
        java.util.ArrayDeque<java.util.concurrent.CompletableFuture<io.netty.buffer.ByteBuf>> inFlight =
                new java.util.ArrayDeque<>();
        for (int i = 0; i < 10_000; i++) {
            if (inFlight.size() == 64) {
                m.rpc().await(inFlight.poll()).release();
            }
            var args = new Create3.Args(
                    new io.dittofs.nfs.v3.xdr.DirOpArgs3(dir, "n" + i), new Create3.How.Guarded(Sattr3.NONE));
            inFlight.add(m.rpc().callAsync(Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.NFSPROC3_CREATE, TestServer.USER, args));
        }
        while (!inFlight.isEmpty()) {
            m.rpc().await(inFlight.poll()).release();
        }
        int count = 0;
        long cookie = 0;
        long verf = 0;
        boolean eof = false;
        java.util.Set<String> names = new java.util.HashSet<>();
        while (!eof) {
            var r = (Readdirplus3.Ok) m.nfs().readdirplus(dir, cookie, verf, 8192, 65536);
            for (Readdirplus3.Entry e : r.entries()) {
                names.add(e.name());
                cookie = e.cookie();
                count++;
            }
            verf = r.cookieVerifier();
            eof = r.eof();
        }
        assertThat(count).isEqualTo(10_002);
        assertThat(names).hasSize(10_002);
    }

    @Test
    void operationsOnTheWrongKindOfFileAnswerTheMatchingError() {
        FileHandle3 f = create(m.root(), name()).object();
        FileHandle3 d = mkdir(name());
        assertThat(((PostOpFail3) m.nfs().lookup(f, "x")).status()).isEqualTo(Nfsstat3.NFS3ERR_NOTDIR);
        assertThat(((PostOpFail3) m.nfs().readlink(f)).status()).isEqualTo(Nfsstat3.NFS3ERR_INVAL);
        assertThat(((PostOpFail3) m.nfs().read(d, 0, 10)).status()).isEqualTo(Nfsstat3.NFS3ERR_ISDIR);
        assertThat(((PostOpFail3) m.nfs().readdir(f, 0, 0, 4096)).status()).isEqualTo(Nfsstat3.NFS3ERR_NOTDIR);
        assertThat(((Lookup3.Ok) m.nfs().lookup(m.root(), "..")).object()).isEqualTo(m.root());
    }

    @Test
    void readdirWithARoomForNothingAnswersTooSmall() {
        var r = m.nfs().readdir(m.root(), 0, 0, 100);
        assertThat(((PostOpFail3) r).status()).isEqualTo(Nfsstat3.NFS3ERR_TOOSMALL);
    }

    @Test
    void readdirplusGivesHandlesAndAttributesWithinBothBudgets() {
        FileHandle3 dir = mkdir(name());
        for (int i = 0; i < 30; i++) {
            create(dir, "p" + i);
        }
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        long verf = 0;
        boolean eof = false;
        while (!eof) {
            var r = (Readdirplus3.Ok) m.nfs().readdirplus(dir, cookie, verf, 200, 2048);
            assertThat(r.entries()).isNotEmpty();
            for (Readdirplus3.Entry e : r.entries()) {
                seen.add(e.name());
                cookie = e.cookie();
                assertThat(e.handle()).isNotNull();
                assertThat(e.attributes()).isNotNull();
                if (e.name().startsWith("p")) {
                    assertThat(((Lookup3.Ok) m.nfs().lookup(dir, e.name())).object())
                            .isEqualTo(e.handle());
                }
            }
            verf = r.cookieVerifier();
            eof = r.eof();
        }
        assertThat(seen).hasSize(32).startsWith(".", "..");
    }

    @Test
    void fsstatFsinfoAndPathconfDescribeTheShare() {
        var s = (Fsstat3.Ok) m.nfs().fsstat(m.root());
        assertThat(s.tbytes()).isPositive();
        var i = (Fsinfo3.Ok) m.nfs().fsinfo(m.root());
        assertThat(i.rtmax()).isEqualTo(1024 * 1024);
        assertThat(i.wtmax()).isEqualTo(1024 * 1024);
        assertThat(i.properties() & Fsinfo3.FSF3_SYMLINK).isNotZero();
        var p = (Pathconf3.Ok) m.nfs().pathconf(m.root());
        assertThat(p.nameMax()).isEqualTo(255);
        assertThat(p.noTrunc()).isTrue();
    }
}
