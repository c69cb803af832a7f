package io.dittofs.nfs.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.NfsSettings;
import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.MountClient;
import io.dittofs.nfs.client.Nfs3Client;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.rpc.OpaqueAuth;
import io.dittofs.nfs.v3.xdr.Getattr3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.runtime.share.NetworkRange;
import io.dittofs.runtime.share.ShareOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTest {

    @Test
    void mntGivesTheRootHandleAndDumpAndUmntTrackIt() throws Exception {
        try (TestServer server = TestServer.start();
                RpcClient rpc = server.connect("mount")) {
            MountClient mount = new MountClient(rpc, TestServer.USER);
            var res = (MountRes3.Ok) mount.mnt("/export");
            assertThat(res.authFlavors()).contains(1);
            assertThat(mount.dump()).containsExactly(new MountClient.Mount("127.0.0.1", "/export"));
            Nfs3Client nfs = new Nfs3Client(rpc, TestServer.USER);
            assertThat(nfs.getattr(res.handle())).isInstanceOf(Getattr3.Res.Ok.class);
            mount.umnt("/export");
            assertThat(mount.dump()).isEmpty();
            mount.mnt("/export/");
            mount.umntall();
            assertThat(mount.dump()).isEmpty();
        }
    }

    @Test
    void mntOfAnUnknownExportAnswersNoent() throws Exception {
        try (TestServer server = TestServer.start();
                RpcClient rpc = server.connect("mount")) {
            MountClient mount = new MountClient(rpc, OpaqueAuth.NONE);
            assertThat(mount.mnt("/nope")).isEqualTo(new MountRes3.Fail(Mount3.MNT3ERR_NOENT));
            assertThat(mount.mnt("/export/sub")).isEqualTo(new MountRes3.Fail(Mount3.MNT3ERR_NOENT));
        }
    }

    @Test
    void exportListsEveryShareWithItsNetworks() throws Exception {
        TestServer server = new TestServer(NfsSettings.of(InetAddress.getLoopbackAddress(), 0, 0));
        server.addShare("export", ShareOptions.DEFAULTS);
        server.addShare("lab", ShareOptions.DEFAULTS.withAllowedNetworks(List.of(NetworkRange.parse("10.0.0.0/8"))));
        server.adapter.start(server.runtime);
        try (server;
                RpcClient rpc = server.connect("mount")) {
            assertThat(new MountClient(rpc, OpaqueAuth.NONE).export())
                    .containsExactly(
                            new MountClient.Export("/export", List.of()),
                            new MountClient.Export("/lab", List.of("10.0.0.0/8")));
        }
    }

    @Test
    void aClientOutsideTheAllowedNetworksIsRefusedAtMountAndOnEveryCall() throws Exception {
        TestServer server = new TestServer(NfsSettings.of(InetAddress.getLoopbackAddress(), 0, 0));
        server.addShare("export", ShareOptions.DEFAULTS);
        server.addShare("lab", ShareOptions.DEFAULTS.withAllowedNetworks(List.of(NetworkRange.parse("10.0.0.0/8"))));
        server.adapter.start(server.runtime);
        try (server;
                RpcClient rpc = server.connect("mount")) {
            MountClient mount = new MountClient(rpc, TestServer.USER);
            assertThat(mount.mnt("/lab")).isEqualTo(new MountRes3.Fail(Mount3.MNT3ERR_ACCES));
            var root = io.dittofs.nfs.v3.xdr.FileHandle3.of(
                    server.shares.byName("lab").orElseThrow().id(),
                    server.shares.byName("lab").orElseThrow().fileSystem().root());
            var r = new Nfs3Client(rpc, TestServer.USER).getattr(root);
            assertThat(((Getattr3.Res.Fail) r).status()).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
        }
    }

    @Test
    void aSecureExportWantsAReservedSourcePort() throws Exception {
        ShareOptions secure = new ShareOptions(
                false,
                io.dittofs.runtime.share.Squash.NONE,
                65534,
                65534,
                List.of(),
                true,
                false,
                ShareOptions.DEFAULTS.protocols());
        try (TestServer server = TestServer.start(NfsSettings.of(InetAddress.getLoopbackAddress(), 0, 0), secure);
                RpcClient rpc = server.connect("mount")) {
            assertThat(new MountClient(rpc, TestServer.USER).mnt("/export"))
                    .isEqualTo(new MountRes3.Fail(Mount3.MNT3ERR_PERM));
            InetSocketAddress reserved = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            for (int port = 1000; port > 900; port--) {
                try (RpcClient privileged = RpcClient.connect(
                        server.endpoint("mount"),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        1 << 20,
                        Duration.ofSeconds(10))) {
                    assertThat(new MountClient(privileged, TestServer.USER).mnt("/export"))
                            .isInstanceOf(MountRes3.Ok.class);
                    return;
                } catch (java.io.IOException e) {
                    // port taken or not permitted: try the next, or skip below
                }
            }
            org.junit.jupiter.api.Assumptions.abort("cannot bind a reserved port here: " + reserved);
        }
    }
}
