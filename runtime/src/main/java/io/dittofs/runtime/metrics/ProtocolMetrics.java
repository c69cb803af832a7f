package io.dittofs.runtime.metrics;

/**
 * The one call an adapter makes per request it answered, from its dispatch. The server
 * implements it over its metrics registry; the runtime and the adapters never name a metrics
 * library.
 *
 * <p>Threading: called from every request thread at once; implementations must be lock-free on
 * this path.
 */
@FunctionalInterface
public interface ProtocolMetrics {
    /** Records nothing: for tests and tools that run adapters without a server. */
    ProtocolMetrics NONE = (protocol, operation, nanos, ok, bytesIn, bytesOut) -> {};

    /**
     * @param protocol "nfs3", "nfs4", "mount", "nlm", "smb2", ...
     * @param operation the procedure or command name ("READ", "CREATE")
     * @param nanos time from decoded request to reply handed to the transport
     * @param ok whether the reply was a success status
     * @param bytesIn request bytes on the wire
     * @param bytesOut reply bytes on the wire
     */
    void request(String protocol, String operation, long nanos, boolean ok, long bytesIn, long bytesOut);
}
