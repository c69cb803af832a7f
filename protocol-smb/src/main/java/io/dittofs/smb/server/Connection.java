package io.dittofs.smb.server;

import io.dittofs.smb.encryption.MessageCipher;
import io.dittofs.smb.signing.Cipher;
import io.dittofs.smb.signing.SigningAlgorithm;
import io.dittofs.smb.wire.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One client connection (MS-SMB2 section 3.3.1.7): the negotiated dialect and algorithms, the
 * credit window, the sessions and the open files. It knows nothing of sockets: it writes frames
 * through {@code writer} and closes through {@code closer}.
 *
 * <p>Threading: requests run on virtual threads, several at a time. NEGOTIATE state is written
 * once, before any other request can be valid, and read through volatile fields; sessions and
 * opens are concurrent maps.
 */
public final class Connection {
    private final InetSocketAddress client;
    private final Consumer<ByteBuf> writer;
    private final Runnable closer;
    private final ByteBufAllocator alloc;
    private final CreditWindow credits;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Open> opens = new ConcurrentHashMap<>();
    private final LongSupplier fileIds;
    private final java.util.concurrent.atomic.AtomicLong nextAsyncId = new java.util.concurrent.atomic.AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private volatile @Nullable Dialect dialect;
    private volatile boolean negotiated;
    private volatile SigningAlgorithm signingAlgorithm = SigningAlgorithm.HMAC_SHA256;
    private volatile @Nullable Cipher cipher;
    private volatile @Nullable MessageCipher messageCipher;
    private volatile byte[] preauthHash = new byte[64];
    private volatile ClientNegotiate clientNegotiate = new ClientNegotiate(0, 0, new byte[16], List.of());
    private volatile int serverSecurityMode;
    private volatile int serverCapabilities;

    /**
     * What the client sent in NEGOTIATE, kept for FSCTL_VALIDATE_NEGOTIATE_INFO.
     *
     * @param securityMode its SecurityMode
     * @param capabilities its Capabilities
     * @param guid its ClientGuid
     * @param dialects the dialects it offered
     */
    public record ClientNegotiate(int securityMode, int capabilities, byte[] guid, List<Integer> dialects) {}

    public Connection(
            InetSocketAddress client,
            Consumer<ByteBuf> writer,
            Runnable closer,
            ByteBufAllocator alloc,
            int maxCredits,
            LongSupplier fileIds) {
        this.fileIds = fileIds;
        this.client = client;
        this.writer = writer;
        this.closer = closer;
        this.alloc = alloc;
        this.credits = new CreditWindow(maxCredits);
    }

    public InetSocketAddress client() {
        return client;
    }

    public ByteBufAllocator alloc() {
        return alloc;
    }

    /** Sends one frame (without its length prefix); takes ownership of {@code frame}. */
    public void send(ByteBuf frame) {
        writer.accept(frame);
    }

    public void close() {
        closer.run();
    }

    public CreditWindow credits() {
        return credits;
    }

    public @Nullable Dialect dialect() {
        return dialect;
    }

    public boolean negotiated() {
        return negotiated;
    }

    /** Records the outcome of NEGOTIATE. */
    public void negotiate(
            Dialect d,
            ClientNegotiate client,
            int securityMode,
            int capabilities,
            SigningAlgorithm signing,
            @Nullable Cipher c) {
        dialect = d;
        clientNegotiate = client;
        serverSecurityMode = securityMode;
        serverCapabilities = capabilities;
        signingAlgorithm = signing;
        cipher = c;
        messageCipher = c == null ? null : new MessageCipher(c);
        negotiated = true;
    }

    /** After an SMB1 or SMB2 NEGOTIATE answered with the 0x02FF wildcard: a real NEGOTIATE must follow. */
    public void wildcardNegotiated() {
        negotiated = false;
    }

    public ClientNegotiate clientNegotiate() {
        return clientNegotiate;
    }

    public int serverSecurityMode() {
        return serverSecurityMode;
    }

    public int serverCapabilities() {
        return serverCapabilities;
    }

    public SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    public @Nullable Cipher cipher() {
        return cipher;
    }

    /** The transform codec of the negotiated cipher, or {@code null} when none was negotiated. */
    public @Nullable MessageCipher messageCipher() {
        return messageCipher;
    }

    public boolean supportsMultiCredit() {
        Dialect d = dialect;
        return d != null && d != Dialect.SMB_2_0_2;
    }

    public byte[] preauthHash() {
        return preauthHash.clone();
    }

    public void setPreauthHash(byte[] h) {
        preauthHash = h.clone();
    }

    public void addSession(Session s) {
        sessions.put(s.id(), s);
    }

    public @Nullable Session session(long id) {
        return sessions.get(id);
    }

    public @Nullable Session removeSession(long id) {
        return sessions.remove(id);
    }

    public Collection<Session> sessions() {
        return sessions.values();
    }

    public long nextFileId() {
        return fileIds.getAsLong();
    }

    /**
     * A request answered STATUS_PENDING and still running (MS-SMB2 3.3.1.7 AsyncCommandList).
     *
     * @param messageId its MessageId (a sync CANCEL names it)
     * @param cancel what a CANCEL does to it
     */
    public record Pending(long messageId, Runnable cancel) {}

    /** Registers a request going async; returns its AsyncId. */
    public long registerAsync(long messageId, Runnable cancel) {
        long id = nextAsyncId.getAndIncrement();
        pending.put(id, new Pending(messageId, cancel));
        return id;
    }

    public void unregisterAsync(long asyncId) {
        pending.remove(asyncId);
    }

    /** CANCEL (MS-SMB2 3.3.5.16): by AsyncId when the CANCEL is async, else by MessageId. */
    public void cancel(boolean byAsyncId, long id) {
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            if (byAsyncId ? e.getKey() == id : e.getValue().messageId() == id) {
                e.getValue().cancel().run();
            }
        }
    }

    /** Cancels every pending request (the connection is gone). */
    public void cancelAll() {
        pending.values().forEach(p -> p.cancel().run());
        pending.clear();
    }

    public void addOpen(Open o) {
        opens.put(o.fileId().volatileId(), o);
    }

    public @Nullable Open open(long volatileId) {
        return opens.get(volatileId);
    }

    public @Nullable Open removeOpen(long volatileId) {
        return opens.remove(volatileId);
    }

    public Collection<Open> opens() {
        return opens.values();
    }
}
