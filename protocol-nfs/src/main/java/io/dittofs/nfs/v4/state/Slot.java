package io.dittofs.nfs.v4.state;

import org.jspecify.annotations.Nullable;

/**
 * One slot of a session's fore channel (RFC 8881 section 2.10.6.1): the last sequence id seen
 * and the reply to it, kept so a retry gets the same reply (exactly-once semantics).
 *
 * <p>Threading: guarded by its own monitor; a COMPOUND holds the slot from SEQUENCE to reply.
 */
public final class Slot {
    private int seqid;
    private boolean busy;
    private byte @Nullable [] reply;
    private boolean cached;
    private boolean used;

    /** What SEQUENCE makes of a sequence id on this slot (section 2.10.6.1.3). */
    public enum Use {
        NEW,
        REPLAY,
        IN_PROGRESS,
        MISORDERED
    }

    public synchronized Use begin(int requestSeqid) {
        if (requestSeqid == seqid + 1) {
            if (busy) {
                return Use.IN_PROGRESS;
            }
            busy = true;
            used = true;
            seqid = requestSeqid;
            reply = null;
            cached = false;
            return Use.NEW;
        }
        if (requestSeqid == seqid && used) {
            return busy ? Use.IN_PROGRESS : Use.REPLAY;
        }
        return Use.MISORDERED;
    }

    /** The COMPOUND is answered; {@code replyBytes} is its reply when the client asked to cache it. */
    public synchronized void complete(byte @Nullable [] replyBytes) {
        busy = false;
        reply = replyBytes;
        cached = replyBytes != null;
    }

    /** The cached reply of the last request, or null when it was not cached. */
    public synchronized byte @Nullable [] cachedReply() {
        return cached ? reply : null;
    }

    public synchronized int seqid() {
        return seqid;
    }
}
