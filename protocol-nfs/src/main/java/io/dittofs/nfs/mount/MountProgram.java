package io.dittofs.nfs.mount;

import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.v3.NullHandler;
import io.dittofs.runtime.share.ShareRegistry;
import org.jspecify.annotations.Nullable;

/**
 * MOUNT version 3 (RFC 1813 appendix I): program 100005, one handler per procedure. Only version
 * 3 is served: it is the one NFSv3 clients use.
 */
public final class MountProgram implements RpcProgram {
    private final RpcProcedure[] procedures;

    public MountProgram(ShareRegistry shares, MountTable mounts) {
        procedures = new RpcProcedure[] {
            NullHandler.INSTANCE,
            new MntHandler(shares, mounts),
            new DumpHandler(mounts),
            new UmntHandler(mounts),
            new UmntallHandler(mounts),
            new ExportHandler(shares),
        };
    }

    @Override
    public int program() {
        return Mount3.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Mount3.VERSION;
    }

    @Override
    public int highVersion() {
        return Mount3.VERSION;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        return procedure >= 0 && procedure < procedures.length ? procedures[procedure] : null;
    }
}
