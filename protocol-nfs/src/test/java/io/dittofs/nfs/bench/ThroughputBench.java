package io.dittofs.nfs.bench;

import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.v3.Nfs3;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.HandleArgs3;
import io.dittofs.nfs.v3.xdr.Read3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.nfs.v3.xdr.Write3;
import io.dittofs.runtime.fs.Stability;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough loopback numbers with our own client over the in-memory stores: not part of the build
 * ({@code -Dnfs.bench=true} runs it). Same-machine client and server share the 2 cores.
 */
@EnabledIfSystemProperty(named = "nfs.bench", matches = "true")
class ThroughputBench {
    private static final int MIB = 1024 * 1024;

    private static TestServer start() throws Exception {
        var kind = io.dittofs.nfs.rpc.NettyTransport.Kind.valueOf(System.getProperty("nfs.bench.transport", "AUTO"));
        var settings = io.dittofs.nfs.NfsSettings.of(java.net.InetAddress.getLoopbackAddress(), 0, -1)
                .withTransport(kind);
        return TestServer.start(settings, io.dittofs.runtime.share.ShareOptions.DEFAULTS);
    }

    @Test
    void sequentialWriteAndReadAndGetattrRate() throws Exception {
        try (TestServer server = start();
                TestServer.Mounted m = server.mount()) {
            FileHandle3 f =
                    ((DirOpRes3.Ok) m.nfs().create(m.root(), "bench", new Create3.How.Unchecked(Sattr3.NONE))).object();
            byte[] block = new byte[MIB];
            new java.util.Random(1).nextBytes(block);
            int total = 512; // MiB
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                pipeline(
                        m,
                        total,
                        8,
                        i -> new Write3.Args(f, (long) i * MIB, MIB, Stability.UNSTABLE, Unpooled.wrappedBuffer(block)),
                        Nfs3.NFSPROC3_WRITE);
                m.nfs().commit(f, 0, 0);
                long t1 = System.nanoTime();
                pipeline(m, total, 8, i -> new Read3.Args(f, (long) i * MIB, MIB), Nfs3.NFSPROC3_READ);
                long t2 = System.nanoTime();
                System.out.printf(
                        "round %d: write %d MiB in 1 MiB UNSTABLE + COMMIT: %.0f MiB/s; read: %.0f MiB/s%n",
                        round, total, total / ((t1 - t0) / 1e9), total / ((t2 - t1) / 1e9));
            }
            int ops = 200_000;
            for (int round = 0; round < 2; round++) {
                long t3 = System.nanoTime();
                pipeline(m, ops, 32, i -> new HandleArgs3(f), Nfs3.NFSPROC3_GETATTR);
                long t4 = System.nanoTime();
                System.out.printf("round %d: GETATTR, 32 in flight: %.0f ops/s%n", round, ops / ((t4 - t3) / 1e9));
            }
            Read3.Res check = m.nfs().read(f, 3L * MIB, 16);
            ((Read3.Ok) check).data().release();
        }
    }

    @Test
    void libnfsCopyInAndOut() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("nfsbench");
        java.nio.file.Path src = tmp.resolve("src.bin");
        byte[] data = new byte[256 * MIB];
        new java.util.Random(2).nextBytes(data);
        java.nio.file.Files.write(src, data);
        try (TestServer server = start()) {
            int port = server.nfsPort();
            String url = "nfs://127.0.0.1/export/big.bin?nfsport=" + port + "&mountport=" + port
                    + "&version=3&uid=1000&gid=1000";
            long t0 = System.nanoTime();
            run("nfs-cp", src.toString(), url);
            long t1 = System.nanoTime();
            run("nfs-cp", url, tmp.resolve("back.bin").toString());
            long t2 = System.nanoTime();
            System.out.printf(
                    "libnfs nfs-cp 256 MiB in: %.0f MiB/s, out: %.0f MiB/s%n",
                    256 / ((t1 - t0) / 1e9), 256 / ((t2 - t1) / 1e9));
            if (!java.util.Arrays.equals(data, java.nio.file.Files.readAllBytes(tmp.resolve("back.bin")))) {
                throw new AssertionError("copy differs");
            }
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd));
        }
    }

    private static void pipeline(
            TestServer.Mounted m,
            int count,
            int depth,
            java.util.function.IntFunction<io.dittofs.nfs.xdr.XdrEncodable> args,
            int proc) {
        Deque<CompletableFuture<ByteBuf>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            if (inFlight.size() == depth) {
                m.rpc().await(inFlight.poll()).release();
            }
            inFlight.add(m.rpc().callAsync(Nfs3.PROGRAM, Nfs3.VERSION, proc, TestServer.USER, args.apply(i)));
        }
        while (!inFlight.isEmpty()) {
            m.rpc().await(inFlight.poll()).release();
        }
    }
}
