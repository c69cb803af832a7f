package io.dittofs.it.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.nfs.client.MountClient;
import io.dittofs.nfs.client.Nfs3Client;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.mount.MountRes3;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.Lookup3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.WccRes3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.smb.LeaseClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon: an SMB client holding a lease on a file, and an NFSv3 client (the repo's own
 * RPC client, over TCP) that writes or removes it. The NFS request waits until the SMB client
 * has acknowledged the lease break the runtime sent it (MS-SMB2 3.3.4.7), so SMB caching never
 * hides an NFS change.
 */
class CrossProtocolLeaseIT {
    private static final OpaqueAuth ALICE = new AuthSysParms(0, "it", 1000, 1000, new int[] {1000}).toCredential();

    @TempDir
    static Path data;

    private static ServerUnderTest server;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerUnderTest(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RpcClient nfs() throws Exception {
        return RpcClient.connect(new InetSocketAddress("127.0.0.1", server.nfsPort()), 4 << 20, Duration.ofSeconds(60));
    }

    private static FileHandle3 root(RpcClient rpc) {
        return ((MountRes3.Ok) new MountClient(rpc, ALICE).mnt("/" + EmbeddedDefault.SHARE)).handle();
    }

    private static LeaseClient smb() throws Exception {
        return new LeaseClient(server.smbPort(), ServerUnderTest.USER, ServerUnderTest.PASSWORD, EmbeddedDefault.SHARE);
    }

    @Test
    void anNfsWriteBreaksAnSmbLeaseAndWaitsForItsAcknowledgment() throws Exception {
        byte[] key = LeaseClient.key(9);
        try (LeaseClient smb = smb();
                RpcClient rpc = nfs()) {
            int all = LeaseClient.R | LeaseClient.W | LeaseClient.H;
            assertThat(smb.create("shared.txt", 0xFF, key, all).leaseState()).isEqualTo(all);
            Nfs3Client nfs = new Nfs3Client(rpc, ALICE);
            FileHandle3 fh = ((Lookup3.Ok) nfs.lookup(root(rpc), "shared.txt")).object();

            CompletableFuture<Write3.Res> write = CompletableFuture.supplyAsync(
                    () -> nfs.write(fh, 0, new byte[] {'n', 'f', 's'}, Stability.FILE_SYNC));
            assertThat(smb.leaseBreak(key)).isEqualTo(new LeaseClient.Break(1, all, 0));
            Thread.sleep(200);
            assertThat(write).as("the NFS WRITE waits for the SMB client").isNotDone();
            assertThat(smb.ackLease(key, 0)).isZero();
            assertThat(write.get(10, TimeUnit.SECONDS)).isInstanceOf(Write3.Res.Ok.class);
        }
    }

    @Test
    void anNfsRemoveBreaksHandleCaching() throws Exception {
        byte[] key = LeaseClient.key(10);
        try (LeaseClient smb = smb();
                RpcClient rpc = nfs()) {
            int rh = LeaseClient.R | LeaseClient.H;
            assertThat(smb.create("gone.txt", 0xFF, key, rh).leaseState()).isEqualTo(rh);
            Nfs3Client nfs = new Nfs3Client(rpc, ALICE);
            FileHandle3 root = root(rpc);
            CompletableFuture<WccRes3> remove = CompletableFuture.supplyAsync(() -> nfs.remove(root, "gone.txt"));
            assertThat(smb.leaseBreak(key)).isEqualTo(new LeaseClient.Break(1, rh, LeaseClient.R));
            assertThat(smb.ackLease(key, LeaseClient.R)).isZero();
            assertThat(remove.get(10, TimeUnit.SECONDS).status()).isEqualTo(Nfsstat3.NFS3_OK);
        }
    }
}
