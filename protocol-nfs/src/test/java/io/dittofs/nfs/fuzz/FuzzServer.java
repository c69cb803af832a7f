package io.dittofs.nfs.fuzz;

import io.dittofs.nfs.mount.MountProgram;
import io.dittofs.nfs.mount.MountTable;
import io.dittofs.nfs.portmap.PortmapProgram;
import io.dittofs.nfs.portmap.Registration;
import io.dittofs.nfs.rpc.DuplicateRequestCache;
import io.dittofs.nfs.rpc.RecordMarkingDecoder;
import io.dittofs.nfs.rpc.RecordMarkingEncoder;
import io.dittofs.nfs.rpc.RpcDispatcher;
import io.dittofs.nfs.rpc.SysAuthenticator;
import io.dittofs.nfs.rpc.TestChannel;
import io.dittofs.nfs.v3.Nfs3Program;
import io.dittofs.nfs.v3.Nfs3Settings;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.util.List;

/** The server's whole pipeline on an EmbeddedChannel, calls run inline, over a real in-memory share. */
final class FuzzServer {
    static final int MAX_RECORD = 64 * 1024;
    static final ShareRegistry SHARES = new ShareRegistry();

    static {
        SHARES.add(Shares.open("export", ShareOptions.DEFAULTS, new MemoryMetadataStore(), new MemoryBlockStore()));
    }

    static final RpcDispatcher DISPATCHER = new RpcDispatcher(
            List.of(
                    new Nfs3Program(SHARES, new Nfs3Settings(32 * 1024, 32 * 1024, 8192, 7)),
                    new MountProgram(SHARES, new MountTable()),
                    new PortmapProgram(List.of(new Registration(100003, 3, 2049, "nfs")))),
            new SysAuthenticator(Protocol.NFS3),
            Runnable::run,
            new DuplicateRequestCache(64),
            16);

    static TestChannel channel() {
        return new TestChannel(
                900, new RecordMarkingDecoder(MAX_RECORD), new RecordMarkingEncoder(), DISPATCHER.newHandler());
    }

    private FuzzServer() {}
}
