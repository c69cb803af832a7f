package io.dittofs.smb.server;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.smb.auth.AuthenticatedIdentity;
import io.dittofs.smb.auth.Authenticator;
import io.dittofs.smb.signing.SessionKeys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An SMB2 session (MS-SMB2 section 3.3.1.8): the authentication in progress or its outcome, the
 * keys, and the session's tree connects.
 *
 * <p>Threading: fields written by SESSION_SETUP (which a client sends one leg at a time) are
 * volatile so other requests see them; tree connects live in a concurrent map.
 */
public final class Session {
    private final long id;
    private final Map<Integer, TreeConnect> trees = new ConcurrentHashMap<>();
    private final AtomicInteger nextTreeId = new AtomicInteger(1);

    private volatile SessionState state = SessionState.IN_PROGRESS;
    private volatile @Nullable Authenticator authenticator;
    private volatile byte[] preauthHash;
    private volatile @Nullable AuthenticatedIdentity identity;
    private volatile @Nullable AuthContext authContext;
    private volatile @Nullable SessionKeys keys;
    private volatile boolean signingRequired;
    private volatile boolean encryptData;

    public Session(long id, byte[] preauthHash) {
        this.id = id;
        this.preauthHash = preauthHash.clone();
    }

    public long id() {
        return id;
    }

    public SessionState state() {
        return state;
    }

    public @Nullable Authenticator authenticator() {
        return authenticator;
    }

    public void startAuthentication(Authenticator a) {
        authenticator = a;
    }

    public byte[] preauthHash() {
        return preauthHash.clone();
    }

    public void setPreauthHash(byte[] h) {
        preauthHash = h.clone();
    }

    /** Makes the session valid with its identity and keys ({@code keys} null for guest and anonymous). */
    public void establish(
            AuthenticatedIdentity who, AuthContext ctx, @Nullable SessionKeys k, boolean signing, boolean encrypt) {
        encryptData = encrypt && k != null;
        identity = who;
        authContext = ctx;
        keys = k;
        signingRequired = signing && k != null;
        authenticator = null;
        state = SessionState.VALID;
    }

    public void expire() {
        state = SessionState.EXPIRED;
    }

    public @Nullable AuthenticatedIdentity identity() {
        return identity;
    }

    public @Nullable AuthContext authContext() {
        return authContext;
    }

    public @Nullable SessionKeys keys() {
        return keys;
    }

    public boolean signingRequired() {
        return signingRequired;
    }

    /** Session.EncryptData: every request after SESSION_SETUP must arrive encrypted. */
    public boolean encryptData() {
        return encryptData;
    }

    public boolean isGuestOrAnonymous() {
        AuthenticatedIdentity i = identity;
        return i != null && i.kind() != AuthenticatedIdentity.Kind.USER;
    }

    public TreeConnect addTree(TreeConnect.Factory factory) {
        int tid = nextTreeId.getAndIncrement();
        TreeConnect t = factory.create(tid);
        trees.put(tid, t);
        return t;
    }

    public @Nullable TreeConnect tree(int id) {
        return trees.get(id);
    }

    public @Nullable TreeConnect removeTree(int id) {
        return trees.remove(id);
    }

    public java.util.Collection<TreeConnect> trees() {
        return trees.values();
    }
}
