package io.dittofs.smb.server;

import io.dittofs.runtime.DittoRuntime;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.auth.GuestPolicy;
import io.dittofs.smb.wire.FileTime;
import io.dittofs.smb.wire.Smb2Command;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of the adapter shares: the runtime (whose open table holds the
 * server-wide opens, share modes and delete-pending state), the settings and the dispatch table.
 *
 * <p>Threading: immutable but for {@link Leases}, which is thread-safe.
 */
public final class SmbServer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DittoRuntime runtime;
    private final SmbSettings settings;
    private final Map<Smb2Command, Route> routes;
    private final Leases leases;
    private final DurableOpens durable = new DurableOpens();
    private final long startTime = FileTime.now();
    private final byte[] serverGuid;
    private final java.util.concurrent.atomic.AtomicLong nextFileId = new java.util.concurrent.atomic.AtomicLong(1);

    public SmbServer(DittoRuntime runtime, SmbSettings settings, Map<Smb2Command, Route> routes) {
        this.runtime = runtime;
        this.settings = settings;
        this.routes = new EnumMap<>(routes);
        this.leases = new Leases(runtime.opens(), Leases.ACK_TIMEOUT);
        this.serverGuid = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(settings.serverGuid().getLeastSignificantBits())
                .putLong(settings.serverGuid().getMostSignificantBits())
                .array();
    }

    public DittoRuntime runtime() {
        return runtime;
    }

    public SmbSettings settings() {
        return settings;
    }

    public @Nullable Route route(Smb2Command command) {
        return routes.get(command);
    }

    /** Durable opens waiting for their client to reconnect. */
    public DurableOpens durable() {
        return durable;
    }

    /** The oplocks and leases of every connection. */
    public Leases leases() {
        return leases;
    }

    public long startTime() {
        return startTime;
    }

    public byte[] serverGuid() {
        return serverGuid.clone();
    }

    /**
     * MaxReadSize to negotiate: the frame cap's, but no more than any share's file system reads in
     * one call (so one READ is one runtime call), and at least 64 KiB.
     */
    public int maxReadSize() {
        int max = settings.maxIoSize();
        for (var s : runtime.shares().all()) {
            max = Math.min(max, s.fileSystem().info().maxReadSize());
        }
        return Math.max(65536, max);
    }

    /** MaxWriteSize to negotiate, as {@link #maxReadSize} for writes. */
    public int maxWriteSize() {
        int max = settings.maxIoSize();
        for (var s : runtime.shares().all()) {
            max = Math.min(max, s.fileSystem().info().maxWriteSize());
        }
        return Math.max(65536, max);
    }

    /** Guests are let in at SESSION_SETUP when some share admits them; anonymous sessions always (for IPC$). */
    public GuestPolicy guestPolicy() {
        boolean guests =
                runtime.shares().all().stream().anyMatch(s -> s.options().guestAccess());
        return new GuestPolicy(guests, true);
    }

    /** Makes every FileId handed out from now on greater than {@code id} (a restored persistent handle's). */
    public void fileIdsAbove(long id) {
        nextFileId.accumulateAndGet(id + 1, Math::max);
    }

    /** A FileId never used before by this server: opens are lock owners, so ids are server-wide. */
    public long nextFileId() {
        return nextFileId.getAndIncrement();
    }

    /** A fresh, unguessable, non-zero session id. */
    public long newSessionId() {
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0 || id == -1);
        return id;
    }
}
