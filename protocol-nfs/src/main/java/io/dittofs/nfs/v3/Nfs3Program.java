package io.dittofs.nfs.v3;

import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.runtime.share.ShareRegistry;
import org.jspecify.annotations.Nullable;

/** NFS version 3 (RFC 1813): program 100003, the 22 procedures of section 3.3, one handler each. */
public final class Nfs3Program implements RpcProgram {
    private final RpcProcedure[] procedures;

    public Nfs3Program(ShareRegistry shares, Nfs3Settings settings) {
        procedures = new RpcProcedure[] {
            NullHandler.INSTANCE,
            new GetattrHandler(shares, settings),
            new SetattrHandler(shares, settings),
            new LookupHandler(shares, settings),
            new AccessHandler(shares, settings),
            new ReadlinkHandler(shares, settings),
            new ReadHandler(shares, settings),
            new WriteHandler(shares, settings),
            new CreateHandler(shares, settings),
            new MkdirHandler(shares, settings),
            new SymlinkHandler(shares, settings),
            new MknodHandler(shares, settings),
            new RemoveHandler(shares, settings),
            new RmdirHandler(shares, settings),
            new RenameHandler(shares, settings),
            new LinkHandler(shares, settings),
            new ReaddirHandler(shares, settings),
            new ReaddirplusHandler(shares, settings),
            new FsstatHandler(shares, settings),
            new FsinfoHandler(shares, settings),
            new PathconfHandler(shares, settings),
            new CommitHandler(shares, settings),
        };
    }

    @Override
    public int program() {
        return Nfs3.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Nfs3.VERSION;
    }

    @Override
    public int highVersion() {
        return Nfs3.VERSION;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        return procedure >= 0 && procedure < procedures.length ? procedures[procedure] : null;
    }
}
