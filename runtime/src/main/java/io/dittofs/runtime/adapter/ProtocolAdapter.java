package io.dittofs.runtime.adapter;

import io.dittofs.runtime.DittoRuntime;
import java.time.Duration;

/**
 * A protocol server (NFS, SMB, ...) that the daemon starts and stops. Each adapter is built by
 * the daemon from its own typed settings, and talks only to the {@link DittoRuntime} it is given.
 */
public interface ProtocolAdapter {

    /** A short name for logs and the control plane: "nfs", "smb". */
    String name();

    /**
     * Binds and starts serving. Returns once listening, so the daemon can log where; fails with
     * an exception (port in use, permission denied) without leaving anything bound.
     */
    void start(DittoRuntime runtime) throws Exception;

    /**
     * Stops accepting, lets requests in flight finish for at most {@code grace}, then closes
     * every connection. Idempotent.
     */
    void stop(Duration grace);

    /** What the adapter is doing now. */
    AdapterStatus status();
}
