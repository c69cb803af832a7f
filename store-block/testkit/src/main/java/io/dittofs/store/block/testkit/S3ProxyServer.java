package io.dittofs.store.block.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real S3 server for tests: S3Proxy (Maven Central {@code org.gaul:s3proxy}, its self-contained
 * jar), run as a separate local process on loopback, with one of two {@link Backend backends}:
 *
 * <ul>
 *   <li>{@link Backend#FILESYSTEM}: buckets are directories under {@link #dataDirectory()} and
 *       objects files in them, so they survive a {@link #stop()}, {@link #kill()} and {@link
 *       #restart()} on the same port, as an S3 outage and recovery look to a client. Its limit:
 *       a key cannot be both an object and the "directory" of another ({@code a} and {@code a/b}),
 *       nor have a segment longer than the file system allows (255 bytes).
 *   <li>{@link Backend#MEMORY}: S3's full flat key space, gone when the process stops. The
 *       conformance suite runs on this one.
 * </ul>
 *
 * <p>Use from a test (the other modules depend on {@code dittofs-store-block-testkit} with test
 * scope):
 *
 * <pre>{@code
 * S3ProxyServer s3 = S3ProxyServer.start(tempDir);   // free loopback port, waits until it serves
 * s3.createBucket("blocks");
 * // point an S3 client at s3.endpoint() with s3.region(), s3.accessKey(), s3.secretKey(), path-style
 * s3.stop();      // outage: connections are refused
 * s3.restart();   // same port, same data
 * s3.close();
 * }</pre>
 *
 * <p>Not thread-safe: one test thread drives it. A shutdown hook kills the process if a test
 * forgets to close it.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "dittofs-test";
    public static final String SECRET_KEY = "dittofs-test-secret";
    public static final String REGION = "us-east-1";

    /** Where S3Proxy keeps objects. */
    public enum Backend {
        /** jclouds {@code filesystem-nio2}: files under {@link #dataDirectory()}, kept across restarts. */
        FILESYSTEM("filesystem-nio2"),
        /** jclouds {@code transient-nio2}: in the server's memory, lost when it stops. */
        MEMORY("transient-nio2");

        private final String provider;

        Backend(String provider) {
            this.provider = provider;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path root;
    private final Path dataDirectory;
    private final int port;
    private final Backend backend;
    private final Thread reaper = new Thread(this::killQuietly, "s3proxy-reaper");
    private @Nullable Process process;

    private S3ProxyServer(Path root, int port, Backend backend) {
        this.root = root;
        this.backend = backend;
        this.dataDirectory = root.resolve("data");
        this.port = port;
    }

    /**
     * Starts S3Proxy with the {@link Backend#FILESYSTEM filesystem backend} on a free loopback port,
     * its files under {@code root}; returns once it serves.
     */
    public static S3ProxyServer start(Path root) {
        return start(root, freePort(), Backend.FILESYSTEM);
    }

    /**
     * Starts S3Proxy on {@code port} (0 for a free one) with its files (config, log, and objects
     * for the filesystem backend) under {@code root}; returns once it serves.
     */
    public static S3ProxyServer start(Path root, int port, Backend backend) {
        S3ProxyServer server = new S3ProxyServer(root.toAbsolutePath(), port == 0 ? freePort() : port, backend);
        Runtime.getRuntime().addShutdownHook(server.reaper);
        server.launch();
        return server;
    }

    /** {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String region() {
        return REGION;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Where the buckets live: one directory per bucket, one file per object. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** S3Proxy's own log, appended to across restarts. */
    public Path logFile() {
        return root.resolve("s3proxy.log");
    }

    /**
     * Creates the bucket (a directory of the filesystem backend) if it does not exist. With the
     * memory backend, create buckets through S3 instead.
     */
    public void createBucket(String bucket) {
        if (backend != Backend.FILESYSTEM) {
            throw new UnsupportedOperationException("the memory backend has no directory; create the bucket over S3");
        }
        try {
            Files.createDirectories(dataDirectory.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + bucket, e);
        }
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Stops the server the way a service manager would (SIGTERM), and waits for it to exit. */
    public void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        Process p = process;
        process = null;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port over the same data; returns once it serves. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway and finds nothing to kill.
        }
    }

    private void launch() {
        try {
            Files.createDirectories(dataDirectory);
            Path conf = root.resolve("s3proxy.conf");
            Files.writeString(conf, configuration(), StandardCharsets.UTF_8);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            java.toString(),
                            "-Xmx512m",
                            "-XX:+UseSerialGC",
                            "-jar",
                            jar().toString(),
                            "--properties",
                            conf.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().put("LOG_LEVEL", "warn");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy under " + root, e);
        }
        awaitServing();
    }

    private String configuration() {
        return String.join(
                "\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=" + backend.provider,
                "jclouds.filesystem.basedir=" + dataDirectory,
                "");
    }

    private void awaitServing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("S3Proxy exited during start-up; see " + logFile());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        kill();
        throw new IllegalStateException(
                "S3Proxy did not listen on port " + port + " within " + START_TIMEOUT + "; see " + logFile());
    }

    private void killQuietly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** The S3Proxy jar the build copied (see this module's pom), or the one in the local Maven repository. */
    static Path jar() throws IOException {
        Properties props = new Properties();
        try (InputStream in = S3ProxyServer.class.getResourceAsStream("s3proxy.properties")) {
            if (in == null) {
                throw new IOException("s3proxy.properties is missing from the testkit jar");
            }
            props.load(in);
        }
        Path copied = Path.of(props.getProperty("jar"));
        if (Files.isRegularFile(copied)) {
            return copied;
        }
        String version = props.getProperty("version");
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", version)
                .resolve("s3proxy-" + version + "-jar-with-dependencies.jar");
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new IOException("no S3Proxy jar at " + copied + " or " + local
                + "; build dittofs-store-block-testkit with Maven so it is copied there");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }
}
