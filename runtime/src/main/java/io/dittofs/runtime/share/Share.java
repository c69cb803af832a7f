package io.dittofs.runtime.share;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.fs.FileSystem;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A named share: its options and the file system serving it.
 *
 * @param name the name clients use ("export"); also the NFS export path "/name"
 * @param id a stable 32-bit id, carried in file handles
 * @param options how it is served
 * @param fileSystem its files
 */
public record Share(String name, int id, ShareOptions options, FileSystem fileSystem) {

    public Share {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fileSystem, "fileSystem");
    }

    /** Whether {@code protocol} serves this share and the client's address may use it. */
    public boolean admits(Protocol protocol, InetSocketAddress client) {
        return options.admits(protocol, client);
    }

    /**
     * Checks that the share admits the caller and returns the context with squashing applied;
     * adapters call it when a client mounts or connects, the file system on every operation.
     */
    public AuthContext admit(AuthContext ctx) {
        return options.admit(name, ctx);
    }
}
