package io.dittofs.nfs.v4;

import io.dittofs.nfs.rpc.RpcCallContext;
import io.dittofs.nfs.v4.attr.AttrSource;
import io.dittofs.nfs.v4.state.Nfs4Client;
import io.dittofs.nfs.v4.state.Session;
import io.dittofs.nfs.v4.state.Slot;
import io.dittofs.nfs.v4.state.Stateid;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.share.Share;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of one COMPOUND as its operations run (RFC 7530 section 15.2): the current and
 * saved filehandles, the current stateid, and in minor version 1 the session and slot SEQUENCE
 * bound. Owned by the one virtual thread running the COMPOUND.
 */
public final class CompoundContext {
    private final Nfs4Server server;
    private final RpcCallContext rpc;
    private final AuthContext auth;
    private final int minorVersion;
    private @Nullable Nfs4Handle current;
    private @Nullable Nfs4Handle saved;
    private @Nullable Stateid currentStateid;
    private @Nullable Stateid savedStateid;
    private @Nullable Session session;
    private @Nullable Slot slot;
    private boolean cacheThis;
    private byte @Nullable [] replay;

    public CompoundContext(Nfs4Server server, RpcCallContext rpc, int minorVersion) {
        this.server = server;
        this.rpc = rpc;
        AuthContext a = rpc.auth();
        this.auth = new AuthContext(a.principal(), io.dittofs.runtime.auth.Protocol.NFS4, a.flavor(), a.client());
        this.minorVersion = minorVersion;
    }

    public Nfs4Server server() {
        return server;
    }

    public RpcCallContext rpc() {
        return rpc;
    }

    public AuthContext auth() {
        return auth;
    }

    public int minorVersion() {
        return minorVersion;
    }

    // ---- filehandles ----

    /** The current filehandle: NFS4ERR_NOFILEHANDLE when there is none. */
    public Nfs4Handle currentHandle() {
        if (current == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOFILEHANDLE, "no current filehandle");
        }
        return current;
    }

    public void setCurrent(@Nullable Nfs4Handle h) {
        current = h;
        currentStateid = null;
    }

    public void save() {
        saved = currentHandle();
        savedStateid = currentStateid;
    }

    public void restore() {
        if (saved == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_RESTOREFH, "no saved filehandle");
        }
        current = saved;
        currentStateid = savedStateid;
    }

    public Nfs4Handle savedHandle() {
        if (saved == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOFILEHANDLE, "no saved filehandle");
        }
        return saved;
    }

    public boolean atPseudoRoot() {
        return currentHandle() instanceof Nfs4Handle.PseudoRoot;
    }

    /** The current filehandle as a share file; on the pseudo-root, fails with {@code onRoot}. */
    public FileRef file(int onRoot) {
        return resolve(currentHandle(), onRoot);
    }

    /** The saved filehandle as a share file; on the pseudo-root, fails with {@code onRoot}. */
    public FileRef savedFile(int onRoot) {
        return resolve(savedHandle(), onRoot);
    }

    private FileRef resolve(Nfs4Handle h, int onRoot) {
        return switch (h) {
            case Nfs4Handle.PseudoRoot r -> throw new Nfs4Exception(onRoot, "the pseudo-root");
            case Nfs4Handle.ShareFile f -> {
                Share share = server.shares().requireById(f.shareId());
                yield new FileRef(share, share.fileSystem(), f.node(), admit(share));
            }
        };
    }

    /** The caller as {@code share} admits it: its network, the protocol, a reserved port if "secure". */
    public AuthContext admit(Share share) {
        if (share.options().requireReservedPort() && rpc.client().getPort() >= 1024) {
            throw new FsException(
                    ErrorCode.NOT_PERMITTED,
                    "share '" + share.name() + "' is secure: port "
                            + rpc.client().getPort() + " is not reserved");
        }
        share.admit(auth);
        return auth;
    }

    public List<Share> visibleShares() {
        return PseudoFs.visible(server.shares(), rpc.client());
    }

    /** The attribute source of a share file. */
    public AttrSource source(FileRef f, Attributes a) {
        long mountedOn =
                a.id().equals(f.fs().root()) ? PseudoFs.junctionFileId(f.share().id()) : a.fileId();
        return new AttrSource(
                f.handle(a.id()),
                a,
                // MAXREAD/MAXWRITE: what this server's READ and WRITE accept, not the runtime's.
                f.fs().info()
                        .clampIo(
                                server.settings().maxReadSize(),
                                server.settings().maxWriteSize()),
                () -> f.fs().statFs(f.auth()),
                () -> f.fs().getAcl(f.auth(), a.id()),
                PseudoFs.fsidOf(f.share().id()),
                mountedOn,
                minorVersion);
    }

    public AttrSource pseudoRootSource() {
        return server.pseudo().source(visibleShares(), minorVersion);
    }

    // ---- stateids ----

    /** Resolves the special "current stateid" of minor version 1 (RFC 8881 section 16.2.3.1.2). */
    public Stateid resolve(Stateid sid) {
        if (minorVersion > 0 && sid.equals(Stateid.CURRENT)) {
            if (currentStateid == null) {
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "no current stateid");
            }
            return currentStateid;
        }
        return sid;
    }

    public void setCurrentStateid(Stateid sid) {
        currentStateid = sid;
    }

    // ---- sessions (minor version 1) ----

    public void bind(Session s, Slot sl, boolean cache) {
        session = s;
        slot = sl;
        cacheThis = cache;
    }

    public @Nullable Session session() {
        return session;
    }

    public @Nullable Slot slot() {
        return slot;
    }

    public boolean cacheThis() {
        return cacheThis;
    }

    /** The client of this COMPOUND's session (minor version 1). */
    public Nfs4Client sessionClient() {
        if (session == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_OP_NOT_IN_SESSION, "no session");
        }
        return session.client();
    }

    /**
     * The client an operation names: in minor version 1 its session's (RFC 8881 section 2.4:
     * clientid arguments are ignored), in minor version 0 the confirmed client with that id.
     */
    public Nfs4Client client(long clientId) {
        return minorVersion > 0 ? sessionClient() : server.state().client(clientId);
    }

    /**
     * The open-table holder this COMPOUND acts for: its session's client in minor version 1. A
     * minor version 0 COMPOUND names no client outside its stateids, so it is nobody's and
     * breaks the caching of every client, its own included (which it then returns).
     */
    public String holder() {
        return minorVersion > 0 && session != null ? session.client().holder() : ANONYMOUS_HOLDER;
    }

    private static final String ANONYMOUS_HOLDER = "nfs4:anonymous";

    /** How long an operation waits for recalled caching before answering NFS4ERR_DELAY. */
    public static final java.time.Duration RECALL_WAIT = java.time.Duration.ofMillis(500);

    /**
     * Breaks other clients' caching of {@code f} before an operation of {@code holder} that
     * {@code intent} describes: NFS4ERR_DELAY while they still hold it.
     */
    public void breakCaching(FileRef f, String holder, io.dittofs.runtime.open.BreakIntent intent) {
        server.state().breakFor(f.key(), holder, intent, RECALL_WAIT);
    }

    /** SEQUENCE found a retry: the whole COMPOUND reply is these bytes. */
    public void replay(byte[] reply) {
        replay = reply;
    }

    public byte @Nullable [] replayed() {
        return replay;
    }
}
