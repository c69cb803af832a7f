package io.dittofs.smb.server;

import java.util.BitSet;

/**
 * The message ids a client may use (MS-SMB2 section 3.3.1.1, Connection.CommandSequenceWindow):
 * every id below {@code limit} has been granted, ids from {@code base} on that are not marked
 * used are still available. Each request consumes {@code CreditCharge} consecutive ids; each
 * response grants more by raising {@code limit}, never past {@code maxCredits} outstanding.
 *
 * <p>Threading: all methods synchronize on the window (requests of one connection run on
 * several virtual threads).
 */
public final class CreditWindow {
    private final int maxCredits;
    private long base;
    private long limit = 1; // message id 0 is granted for the first NEGOTIATE
    private BitSet used = new BitSet();

    public CreditWindow(int maxCredits) {
        this.maxCredits = maxCredits;
    }

    /** Consumes ids {@code [messageId, messageId + charge)}; false when any is not available. */
    public synchronized boolean consume(long messageId, int charge) {
        if (charge < 1 || messageId < base || messageId > limit - charge) {
            return false;
        }
        int from = (int) (messageId - base);
        if (used.nextSetBit(from) >= 0 && used.nextSetBit(from) < from + charge) {
            return false;
        }
        used.set(from, from + charge);
        int advance = used.nextClearBit(0);
        if (advance > 0) {
            base += advance;
            used = used.get(advance, Math.max(advance, used.length()));
        }
        return true;
    }

    /**
     * Grants up to {@code requested} new credits (at least one when the client would otherwise
     * have none left), bounded by {@code maxCredits} outstanding; returns how many.
     */
    public synchronized int grant(int requested) {
        long outstanding = outstanding();
        long n = Math.min(Math.max(requested, 1), maxCredits - outstanding);
        if (n <= 0) {
            n = outstanding == 0 ? 1 : 0;
        }
        limit += n;
        return (int) n;
    }

    /** Ids granted and not yet used. */
    public synchronized long outstanding() {
        return limit - base - used.cardinality();
    }
}
