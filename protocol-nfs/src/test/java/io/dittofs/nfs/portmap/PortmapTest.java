package io.dittofs.nfs.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.client.PortmapClient;
import io.dittofs.nfs.client.RpcClient;
import io.dittofs.nfs.mount.Mount3;
import io.dittofs.nfs.v3.Nfs3;
import org.junit.jupiter.api.Test;

class PortmapTest {

    @Test
    void getportFindsNfsMountAndItselfOverTcp() throws Exception {
        try (TestServer server = TestServer.start();
                RpcClient rpc = server.connect("portmap")) {
            PortmapClient pmap = new PortmapClient(rpc);
            int nfs = server.nfsPort();
            assertThat(pmap.getPort(Nfs3.PROGRAM, 3)).isEqualTo(nfs);
            assertThat(pmap.getPort(Mount3.PROGRAM, 3)).isEqualTo(nfs);
            assertThat(pmap.getPort(Rpcbind.PROGRAM, 2))
                    .isEqualTo(server.endpoint("portmap").getPort());
            assertThat(pmap.getPort(Nfs3.PROGRAM, 4)).isEqualTo(nfs); // NFSv4 on the same port
            assertThat(pmap.getPort(Nfs3.PROGRAM, 2)).isZero();
            assertThat(pmap.getPort(100021, 4)).isEqualTo(nfs);
            assertThat(pmap.getPort(100024, 1)).isEqualTo(nfs);
        }
    }

    @Test
    void getaddrAnswersUniversalAddressesInVersions3And4() throws Exception {
        try (TestServer server = TestServer.start();
                RpcClient rpc = server.connect("portmap")) {
            PortmapClient pmap = new PortmapClient(rpc);
            int nfs = server.nfsPort();
            String uaddr = "127.0.0.1." + (nfs >> 8) + "." + (nfs & 0xFF);
            assertThat(pmap.getAddr(3, Nfs3.PROGRAM, 3, "tcp")).isEqualTo(uaddr);
            assertThat(pmap.getAddr(4, Mount3.PROGRAM, 3, "")).isEqualTo(uaddr);
            assertThat(pmap.getAddr(4, Nfs3.PROGRAM, 3, "udp")).isEmpty();
            assertThat(pmap.getAddr(4, 100021, 4, "tcp")).isEqualTo(uaddr);
            assertThat(pmap.getAddr(4, 100099, 1, "tcp")).isEmpty();
        }
    }

    @Test
    void getportAlsoAnswersOverUdp() throws Exception {
        try (TestServer server = TestServer.start();
                java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            socket.setSoTimeout(5000);
            java.nio.ByteBuffer call = java.nio.ByteBuffer.allocate(56);
            call.putInt(0x1234).putInt(0).putInt(2).putInt(100000).putInt(2).putInt(3);
            call.putInt(0).putInt(0).putInt(0).putInt(0); // AUTH_NONE credential and verifier
            call.putInt(100005).putInt(3).putInt(6).putInt(0);
            var portmap = server.endpoint("portmap");
            socket.send(new java.net.DatagramPacket(call.array(), call.position(), portmap));
            byte[] buf = new byte[512];
            java.net.DatagramPacket reply = new java.net.DatagramPacket(buf, buf.length);
            socket.receive(reply);
            java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(buf, 0, reply.getLength());
            assertThat(r.getInt()).isEqualTo(0x1234); // xid
            assertThat(r.getInt()).isEqualTo(1); // REPLY
            assertThat(r.getInt()).isZero(); // MSG_ACCEPTED
            r.getLong(); // verifier
            assertThat(r.getInt()).isZero(); // SUCCESS
            assertThat(r.getInt()).isEqualTo(server.nfsPort());
        }
    }

    @Test
    void theAdapterRunsWithoutAPortmapper() throws Exception {
        var settings = io.dittofs.nfs.NfsSettings.of(java.net.InetAddress.getLoopbackAddress(), 0, -1);
        try (TestServer server = TestServer.start(settings, io.dittofs.runtime.share.ShareOptions.DEFAULTS)) {
            assertThat(server.adapter.status().endpoints())
                    .extracting(e -> e.service())
                    .containsExactly("nfs", "mount", "nlm");
        }
    }
}
