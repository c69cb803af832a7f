package io.dittofs.nfs.rpc;

import org.jspecify.annotations.Nullable;

/** An RPC program (NFS, MOUNT, portmapper, NLM): a number, a range of versions, and their procedures. */
public interface RpcProgram {
    /** The program number (RFC 5531 section 9: prog). */
    int program();

    int lowVersion();

    int highVersion();

    /** The procedure {@code procedure} of {@code version} (within range), or null when there is none. */
    @Nullable
    RpcProcedure procedure(int version, int procedure);

    /** Whether callers must present a credential this server accepts (portmapper: no). */
    default boolean authenticated() {
        return true;
    }
}
