package io.dittofs.store.block.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link S3ProxyServer} per test class, in a scratch directory removed afterwards:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3ProxyExtension S3 = S3ProxyExtension.filesystem();
 * ... S3.server().endpoint() ...
 * }</pre>
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    private final S3ProxyServer.Backend backend;
    private @Nullable S3ProxyServer server;
    private @Nullable Path dir;

    private S3ProxyExtension(S3ProxyServer.Backend backend) {
        this.backend = backend;
    }

    /** Objects in files: they survive {@link S3ProxyServer#restart()}. */
    public static S3ProxyExtension filesystem() {
        return new S3ProxyExtension(S3ProxyServer.Backend.FILESYSTEM);
    }

    /** Objects in the server's memory. */
    public static S3ProxyExtension inMemory() {
        return new S3ProxyExtension(S3ProxyServer.Backend.MEMORY);
    }

    /** The running server. */
    public S3ProxyServer server() {
        S3ProxyServer s = server;
        if (s == null) {
            throw new IllegalStateException("S3Proxy runs only while the test class does");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path d = Files.createTempDirectory("dittofs-s3proxy");
        dir = d;
        server = S3ProxyServer.start(d, 0, backend);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        S3ProxyServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        Path d = dir;
        if (d != null) {
            try (Stream<Path> files = Files.walk(d)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
