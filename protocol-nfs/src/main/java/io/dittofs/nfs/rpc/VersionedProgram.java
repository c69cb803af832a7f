package io.dittofs.nfs.rpc;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One RPC program number served by several implementations, each for its own range of versions
 * (NFS: version 3 and version 4 are program 100003 on the same port).
 */
public final class VersionedProgram implements RpcProgram {
    private final List<RpcProgram> parts;
    private final int low;
    private final int high;

    public VersionedProgram(List<RpcProgram> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no programs");
        }
        int number = parts.getFirst().program();
        for (RpcProgram p : parts) {
            if (p.program() != number) {
                throw new IllegalArgumentException("programs " + number + " and " + p.program() + " mixed");
            }
        }
        this.parts = List.copyOf(parts);
        this.low = parts.stream().mapToInt(RpcProgram::lowVersion).min().orElseThrow();
        this.high = parts.stream().mapToInt(RpcProgram::highVersion).max().orElseThrow();
    }

    @Override
    public int program() {
        return parts.getFirst().program();
    }

    @Override
    public int lowVersion() {
        return low;
    }

    @Override
    public int highVersion() {
        return high;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        for (RpcProgram p : parts) {
            if (version >= p.lowVersion() && version <= p.highVersion()) {
                return p.procedure(version, procedure);
            }
        }
        return null;
    }
}
