package io.dittofs.smb.server;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.share.Share;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Header;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One request as a handler sees it: the server, the connection, the decoded header and the
 * session, tree and (in a related compound) file it resolved to. Handlers may set the session
 * (SESSION_SETUP), the created file (CREATE) and a hook that sees the encoded response
 * (pre-authentication integrity).
 *
 * <p>Threading: confined to the virtual thread serving the request.
 */
public final class RequestContext {
    private final SmbServer server;
    private final Connection connection;
    private final Smb2Header header;
    private final @Nullable FileId compoundFileId;
    private final boolean encrypted;
    private @Nullable Session session;
    private @Nullable TreeConnect tree;
    private @Nullable FileId resultFileId;
    private @Nullable Consumer<ByteBuf> onEncoded;
    private boolean forceSign;
    private @Nullable AsyncStarter asyncStarter;
    private long asyncId;

    /** Sends the interim response of a request that goes async; returns its AsyncId. */
    public interface AsyncStarter {
        long start(Runnable onCancel);
    }

    public RequestContext(
            SmbServer server,
            Connection connection,
            Smb2Header header,
            @Nullable Session session,
            @Nullable TreeConnect tree,
            @Nullable FileId compoundFileId,
            boolean encrypted) {
        this.encrypted = encrypted;
        this.server = server;
        this.connection = connection;
        this.header = header;
        this.session = session;
        this.tree = tree;
        this.compoundFileId = compoundFileId;
    }

    public SmbServer server() {
        return server;
    }

    public Connection connection() {
        return connection;
    }

    public Smb2Header header() {
        return header;
    }

    /** Whether the request arrived inside a transform header (so it was authenticated by AEAD). */
    public boolean encrypted() {
        return encrypted;
    }

    public @Nullable Session session() {
        return session;
    }

    public void setSession(@Nullable Session s) {
        session = s;
    }

    /** The session, which the dispatcher guarantees for commands that need one. */
    public Session requireSession() {
        Session s = session;
        if (s == null) {
            throw new SmbProtocolException(NtStatus.STATUS_USER_SESSION_DELETED, "no session");
        }
        return s;
    }

    public @Nullable TreeConnect tree() {
        return tree;
    }

    /** Sets the tree connect TREE_CONNECT made, so the response carries its id. */
    public void setTree(TreeConnect t) {
        tree = t;
    }

    /** The tree connect, which the dispatcher guarantees for commands that need one. */
    public TreeConnect requireTree() {
        TreeConnect t = tree;
        if (t == null) {
            throw new SmbProtocolException(NtStatus.STATUS_NETWORK_NAME_DELETED, "no tree connect");
        }
        return t;
    }

    /** The share of the tree connect; IPC$ has none and fails with STATUS_NOT_SUPPORTED. */
    public Share share() {
        Share s = requireTree().share();
        if (s == null) {
            throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "file operation on IPC$");
        }
        return s;
    }

    public FileSystem fs() {
        return share().fileSystem();
    }

    public AuthContext auth() {
        return requireTree().ctx();
    }

    /**
     * The open named by {@code id} (the compound's file for the all-ones id in a related
     * request); STATUS_FILE_CLOSED when there is none on this tree.
     */
    public Open open(FileId id) {
        FileId effective = id;
        if (id.isCompounded()) {
            if (!header.isRelated() || compoundFileId == null) {
                throw new SmbProtocolException(
                        NtStatus.STATUS_INVALID_PARAMETER, "all-ones FileId outside a related compound");
            }
            effective = compoundFileId;
        }
        Open o = connection.open(effective.volatileId());
        if (o == null || o.fileId().persistent() != effective.persistent() || o.tree() != tree) {
            throw new SmbProtocolException(NtStatus.STATUS_FILE_CLOSED, "no open " + effective);
        }
        resultFileId = effective;
        return o;
    }

    public @Nullable FileId resultFileId() {
        return resultFileId;
    }

    /** Records the file a CREATE opened, for the related requests after it. */
    public void setResultFileId(FileId id) {
        resultFileId = id;
    }

    public @Nullable Consumer<ByteBuf> onEncoded() {
        return onEncoded;
    }

    /** Sets a hook called with the encoded response message (before it is signed). */
    public void onEncoded(Consumer<ByteBuf> hook) {
        onEncoded = hook;
    }

    /** Allows this request to go async (the pipeline does for a request alone in its frame). */
    public void allowAsync(AsyncStarter starter) {
        asyncStarter = starter;
    }

    /**
     * Goes async (MS-SMB2 3.3.4.2): the interim STATUS_PENDING response, with the credits, is sent
     * now and the final response later carries the AsyncId; {@code onCancel} runs on a CANCEL or
     * when the connection goes. Returns false when this request cannot go async (it is part of a
     * compound, or encrypted): the handler then waits synchronously.
     */
    public boolean goAsync(Runnable onCancel) {
        AsyncStarter s = asyncStarter;
        if (s == null || asyncId != 0) {
            return false;
        }
        asyncId = s.start(onCancel);
        return true;
    }

    /** The AsyncId once the request went async, else 0. */
    public long asyncId() {
        return asyncId;
    }

    public boolean forceSign() {
        return forceSign;
    }

    /** Signs the response even if the request was not signed (final SESSION_SETUP response). */
    public void forceSign(boolean v) {
        forceSign = v;
    }
}
