package io.dittofs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.open.BreakIntent;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.messages.LeaseRequest;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server side of a lease break that the holder never acknowledges (MS-SMB2 3.3.2.1). */
class LeasesTest {
    private static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    @Test
    void anUnacknowledgedBreakIsSettledByTheServerAfterTheTimeout() throws Exception {
        Share share = Shares.open("s", ShareOptions.DEFAULTS, new MemoryMetadataStore(), new MemoryBlockStore());
        NodeId node = share.fileSystem()
                .createFile(ROOT, share.fileSystem().root(), "f", SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
        OpenTable table = new OpenTable();
        Leases leases = new Leases(table, Duration.ofMillis(300));
        List<ByteBuf> sent = new CopyOnWriteArrayList<>();
        Connection conn = new Connection(
                new InetSocketAddress("127.0.0.1", 1), sent::add, () -> {}, ByteBufAllocator.DEFAULT, 64, () -> 1);
        Open open = new Open(new FileId(1, 1), new TreeConnect(1, share, ROOT), node, false, 0, null, "f", "f");
        open.attach(table.open(open.fileKey(), "smb:a", new OpenMode(OpenMode.READ | OpenMode.WRITE, 0)));
        byte[] key = new byte[16];
        int rwh = LeaseRequest.READ | LeaseRequest.WRITE | LeaseRequest.HANDLE;
        Leases.Granted g = leases.grant(
                open, "smb:a", conn, null, Leases.OPLOCK_LEASE, new LeaseRequest(key, rwh, 1, new byte[0], 0));
        assertThat(g.oplockLevel()).isEqualTo(Leases.OPLOCK_LEASE);

        CompletableFuture<Void> broken = table.breakConflicting(open.fileKey(), "smb:b", BreakIntent.OPEN_WRITE);
        assertThat(sent).hasSize(1); // the LEASE_BREAK notification
        assertThat(broken).isNotDone();
        broken.get(5, TimeUnit.SECONDS); // settled by the server's timer, not by the holder
        assertThat(leases.cachesHandles(open)).isFalse();
        sent.forEach(ByteBuf::release);
    }
}
