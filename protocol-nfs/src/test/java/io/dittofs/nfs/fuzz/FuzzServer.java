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
import io.dittofs.nfs.rpc.VersionedProgram;
import io.dittofs.nfs.v3.Nfs3Program;
import io.dittofs.nfs.v3.Nfs3Settings;
import io.dittofs.nfs.v4.Nfs4Program;
import io.dittofs.nfs.v4.Nfs4Server;
import io.dittofs.nfs.v4.Nfs4Settings;
import io.dittofs.nfs.v4.PseudoFs;
import io.dittofs.nfs.v4.attr.Owners;
import io.dittofs.nfs.v4.state.ClientRecords;
import io.dittofs.nfs.v4.state.StateManager;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.open.OpenTable;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.time.Duration;
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
                    new VersionedProgram(List.of(
                            new Nfs3Program(SHARES, new Nfs3Settings(32 * 1024, 32 * 1024, 8192, 7)),
                            new Nfs4Program(nfs4()))),
                    new MountProgram(SHARES, new MountTable()),
                    new PortmapProgram(List.of(new Registration(100003, 3, 2049, "nfs")))),
            new SysAuthenticator(Protocol.NFS3),
            Runnable::run,
            new DuplicateRequestCache(64),
            16);

    /** An NFSv4 server over the same shares, with a real open table and lock manager. */
    static Nfs4Server nfs4() {
        Nfs4Settings settings =
                new Nfs4Settings(32 * 1024, 32 * 1024, Duration.ofSeconds(90), Duration.ZERO, "localdomain", 7);
        StateManager state = new StateManager(
                1,
                settings.lease(),
                settings.grace(),
                new OpenTable(),
                new LockManager(),
                ClientRecords.inMemory(),
                System::nanoTime);
        return new Nfs4Server(
                SHARES,
                new PseudoFs(0),
                state,
                new Owners(new Identities(Sid.parse("S-1-5-21-1-2-3")), "localdomain"),
                settings);
    }

    static TestChannel channel() {
        return new TestChannel(
                900, new RecordMarkingDecoder(MAX_RECORD), new RecordMarkingEncoder(), DISPATCHER.newHandler());
    }

    private FuzzServer() {}
}
