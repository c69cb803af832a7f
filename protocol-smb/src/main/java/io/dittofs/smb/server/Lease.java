package io.dittofs.smb.server;

import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.CachingGrant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An SMB lease (MS-SMB2 3.3.1.4), or an oplock, which is a lease of one open: the caching the
 * runtime granted its holder on one file (a {@link CachingGrant} of the open table), the opens
 * that use it, and the break under way. Levels are the runtime's
 * {@link io.dittofs.runtime.open.Caching} bits.
 *
 * <p>Threading: fields are guarded by the lease's monitor; {@link Leases} never calls the open
 * table or the network while holding it, except the table's non-blocking grant calls.
 */
final class Lease {
    final String holder;
    /** LeaseKey, or {@code null} for an oplock. */
    final byte @Nullable [] key;

    final FileKey file;
    /** 0 for an oplock, else the lease version (1 or 2). */
    final int version;

    final Set<Open> opens = new HashSet<>();

    @Nullable
    CachingGrant grant;

    int epoch;
    /** The level the outstanding break asked for, -1 when none is outstanding. */
    int notifiedTo = -1;
    /** Counts breaks, so a timer of an old break does nothing. */
    long breakSeq;
    /** Removed from the registry: a new open must make a new lease. */
    boolean dead;

    @Nullable
    Connection connection;

    @Nullable
    Session session;

    Lease(String holder, byte @Nullable [] key, FileKey file, int version) {
        this.holder = holder;
        this.key = key == null ? null : key.clone();
        this.file = file;
        this.version = version;
    }

    boolean isOplock() {
        return version == 0;
    }

    /** The level the holder may assume now. */
    int level() {
        CachingGrant g = grant;
        return g == null ? 0 : g.level();
    }
}
