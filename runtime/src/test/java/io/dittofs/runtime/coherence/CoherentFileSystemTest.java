package io.dittofs.runtime.coherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.SetTime;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.open.Caching;
import io.dittofs.runtime.open.CachingGrant;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.open.ParentCaching;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoherentFileSystemTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 900);
    private static final AuthContext NFS3 = new AuthContext(Principal.ROOT, Protocol.NFS3, AuthFlavor.UNIX, CLIENT);
    private static final AuthContext SMB = new AuthContext(Principal.ROOT, Protocol.SMB2, AuthFlavor.NTLM, CLIENT);

    private final ShareRegistry shares = new ShareRegistry();
    private final DittoRuntime runtime;
    private final Share share;
    private final FileSystem fs;

    CoherentFileSystemTest() {
        shares.add(Shares.open("s", ShareOptions.DEFAULTS, new MemoryMetadataStore(), new MemoryBlockStore()));
        runtime = new DittoRuntime(shares, new Identities(Sid.parse("S-1-5-21-1-2-3")), new LockManager());
        share = shares.byName("s").orElseThrow();
        fs = share.fileSystem();
    }

    private NodeId file(String name) {
        return fs.createFile(SMB, fs.root(), name, SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
    }

    /** An SMB client's open with read+write caching whose breaks are recorded, acknowledged by hand. */
    private CachingGrant smbLease(NodeId node, List<Integer> breaks) {
        FileKey key = new FileKey(share.id(), node.fileId());
        OpenTable opens = runtime.opens();
        opens.open(key, "smb:a", new OpenMode(OpenMode.READ | OpenMode.WRITE, 0));
        return opens.tryGrant(
                        key, "smb:a", Caching.READ | Caching.WRITE | Caching.HANDLE, (g, level) -> breaks.add(level))
                .orElseThrow();
    }

    @Test
    void sharesAddedBeforeAndAfterTheRuntimeAreWrapped() {
        assertThat(fs).isInstanceOf(CoherentFileSystem.class);
        shares.add(Shares.open("later", ShareOptions.DEFAULTS, new MemoryMetadataStore(), new MemoryBlockStore()));
        assertThat(shares.byName("later").orElseThrow().fileSystem()).isInstanceOf(CoherentFileSystem.class);
    }

    @Test
    void anNfs3WriteBreaksSmbCachingAndWaitsForTheAcknowledgment() throws Exception {
        NodeId node = file("a.txt");
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        CachingGrant grant = smbLease(node, breaks);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> write = pool.submit(
                    () -> fs.write(NFS3, node, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), Stability.UNSTABLE));
            while (breaks.isEmpty()) {
                Thread.sleep(5);
            }
            assertThat(breaks).containsExactly(Caching.HANDLE); // read and write caching go
            Thread.sleep(100);
            assertThat(write).isNotDone(); // still waiting for the holder
            runtime.opens().acknowledge(grant, Caching.HANDLE);
            write.get(5, TimeUnit.SECONDS);
        }
        assertThat(fs.getAttributes(SMB, node).size()).isEqualTo(3);
    }

    @Test
    void smbWritesDoNotBreakHereTheirOpensBrokeAlready() {
        NodeId node = file("b.txt");
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        smbLease(node, breaks);
        fs.write(SMB, node, 0, ByteBuffer.wrap(new byte[] {1}), Stability.UNSTABLE);
        fs.setAttributes(SMB, node, SetAttributes.NONE.withSize(0L), null);
        assertThat(breaks).isEmpty();
    }

    @Test
    void anNfs3RemoveBreaksHandleCaching() throws Exception {
        NodeId node = file("c.txt");
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        CachingGrant grant = smbLease(node, breaks);
        CompletableFuture<Void> removed = CompletableFuture.runAsync(() -> fs.remove(NFS3, fs.root(), "c.txt"));
        while (breaks.isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(breaks).containsExactly(Caching.READ);
        runtime.opens().acknowledge(grant, Caching.READ);
        removed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anNfs3PermissionChangeBreaksHandleCaching() throws Exception {
        NodeId node = file("p.txt");
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        CachingGrant grant = smbLease(node, breaks);
        CompletableFuture<Void> chmod =
                CompletableFuture.runAsync(() -> fs.setAttributes(NFS3, node, SetAttributes.mode(0600), null));
        while (breaks.isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(breaks).containsExactly(Caching.READ);
        runtime.opens().acknowledge(grant, Caching.READ);
        chmod.get(5, TimeUnit.SECONDS);
        assertThat(fs.getAttributes(SMB, node).mode() & 07777).isEqualTo(0600);
    }

    @Test
    void aChangeWhoseBreakIsNotAnsweredInTimeIsRefusedForARetryNotMadeUnderTheCache() {
        NodeId node = file("q.txt");
        smbLease(node, new CopyOnWriteArrayList<>());
        CoherentFileSystem impatient = new CoherentFileSystem(
                share.id(), ((CoherentFileSystem) fs).inner(), runtime.opens(), runtime.events(), Duration.ZERO);
        assertThat(catchThrowable(
                        () -> impatient.write(NFS3, node, 0, ByteBuffer.wrap(new byte[] {1}), Stability.UNSTABLE)))
                .isInstanceOfSatisfying(
                        FsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRY_LATER));
        assertThat(fs.getAttributes(SMB, node).size()).isZero();
    }

    @Test
    void namesAddedRemovedAndRenamedArePublishedWhateverTheProtocol() throws Exception {
        List<FsChange> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = runtime.events().subscribe(seen::add)) {
            NodeId root = fs.root();
            file("d.txt");
            fs.createDirectory(NFS3, root, "sub", SetAttributes.mode(0755));
            fs.rename(NFS3, root, "d.txt", root, "e.txt");
            fs.remove(SMB, root, "e.txt");
            fs.removeDirectory(NFS3, root, "sub");
        }
        assertThat(seen)
                .extracting(FsChange::name, FsChange::action, FsChange::isDirectory)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d.txt", FsChange.Action.ADDED, false),
                        org.assertj.core.groups.Tuple.tuple("sub", FsChange.Action.ADDED, true),
                        org.assertj.core.groups.Tuple.tuple("d.txt", FsChange.Action.RENAMED_OLD_NAME, false),
                        org.assertj.core.groups.Tuple.tuple("e.txt", FsChange.Action.RENAMED_NEW_NAME, false),
                        org.assertj.core.groups.Tuple.tuple("e.txt", FsChange.Action.REMOVED, false),
                        org.assertj.core.groups.Tuple.tuple("sub", FsChange.Action.REMOVED, true));
        assertThat(seen).allSatisfy(c -> assertThat(c.shareId()).isEqualTo(share.id()));
        assertThat(runtime.events().listenerCount()).isZero();
    }

    @Test
    void dataAndAttributeChangesArePublishedAsModifiedUnderTheLastNameUsed() throws Exception {
        NodeId node = file("m.txt");
        List<FsChange> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = runtime.events().subscribe(seen::add)) {
            fs.write(NFS3, node, 0, ByteBuffer.wrap(new byte[] {1, 2}), Stability.UNSTABLE);
            fs.write(NFS3, node, 0, ByteBuffer.wrap(new byte[] {3}), Stability.UNSTABLE); // size stays 2
            fs.setAttributes(SMB, node, SetAttributes.NONE.withDosAttributes(0x2), null);
            fs.setAttributes(NFS3, node, SetAttributes.NONE.withTimes(SetTime.NOW, null), null);
            fs.setAttributes(NFS3, node, SetAttributes.mode(0600), null);
            fs.rename(NFS3, fs.root(), "m.txt", fs.root(), "n.txt");
            fs.setAttributes(NFS3, node, SetAttributes.NONE.withSize(0L), null);
        }
        List<FsChange> modified = seen.stream()
                .filter(c -> c.action() == FsChange.Action.MODIFIED)
                .toList();
        assertThat(modified)
                .extracting(FsChange::name, FsChange::changed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m.txt", FsChange.LAST_WRITE | FsChange.SIZE),
                        org.assertj.core.groups.Tuple.tuple("m.txt", FsChange.LAST_WRITE),
                        org.assertj.core.groups.Tuple.tuple("m.txt", FsChange.ATTRIBUTES),
                        org.assertj.core.groups.Tuple.tuple("m.txt", FsChange.LAST_ACCESS),
                        org.assertj.core.groups.Tuple.tuple("m.txt", FsChange.SECURITY),
                        org.assertj.core.groups.Tuple.tuple("n.txt", FsChange.SIZE | FsChange.LAST_WRITE));
        assertThat(modified).allSatisfy(c -> assertThat(c.directory()).isEqualTo(fs.root()));
    }

    /** A directory open of holder {@code holder} with read and handle caching whose breaks are recorded. */
    private CachingGrant directoryLease(NodeId dir, String holder, List<Integer> breaks) {
        FileKey key = new FileKey(share.id(), dir.fileId());
        runtime.opens().open(key, holder, new OpenMode(OpenMode.READ, 0));
        return runtime.opens()
                .tryGrant(key, holder, Caching.READ | Caching.HANDLE, (g, level) -> breaks.add(level))
                .orElseThrow();
    }

    @Test
    void anEntryAddedRemovedOrRenamedBreaksDirectoryReadCachingWithoutWaiting() {
        NodeId dir = fs.createDirectory(SMB, fs.root(), "d1", SetAttributes.mode(0755))
                .created()
                .id();
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        directoryLease(dir, "smb:b/1", breaks);
        // Nobody acknowledges: the create must not wait for it.
        fs.createFile(NFS3, dir, "x", SetAttributes.mode(0644), CreateMode.GUARDED);
        assertThat(breaks).containsExactly(Caching.HANDLE);
    }

    @Test
    void theParentCachingHolderKeepsItsDirectoryCaching() throws Exception {
        NodeId dir = fs.createDirectory(SMB, fs.root(), "d2", SetAttributes.mode(0755))
                .created()
                .id();
        List<Integer> mine = new CopyOnWriteArrayList<>();
        List<Integer> theirs = new CopyOnWriteArrayList<>();
        directoryLease(dir, "smb:b/1", mine);
        directoryLease(dir, "smb:c/2", theirs);
        ScopedValue.where(ParentCaching.HOLDER, "smb:b/1")
                .run(() -> fs.createFile(SMB, dir, "y", SetAttributes.mode(0644), CreateMode.GUARDED));
        assertThat(mine).isEmpty();
        assertThat(theirs).containsExactly(Caching.HANDLE);
    }

    @Test
    void aDirectorysOwnAttributeChangeBreaksItsCaching() {
        NodeId dir = fs.createDirectory(SMB, fs.root(), "d3", SetAttributes.mode(0755))
                .created()
                .id();
        List<Integer> breaks = new CopyOnWriteArrayList<>();
        directoryLease(dir, "smb:b/1", breaks);
        fs.setAttributes(NFS3, dir, SetAttributes.mode(0700), null);
        assertThat(breaks).containsExactly(Caching.HANDLE);
    }
}
