package io.dittofs.runtime.content;

import io.dittofs.runtime.content.log.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a file's logged but not yet rolled-up changes look like: byte ranges whose current bytes
 * lie in the write log (newer writes split older ranges), and the lowest point a logged
 * truncation cut the file at, past which bytes no range covers read as zeros instead of the
 * content map's.
 *
 * <p>Readers take a {@link #view} first and read the content map after it: a rollup commits its
 * map before it {@link #rolledUp removes} the ranges it covered, so a view taken before the
 * removal still shadows the old map and one taken after it meets the new map.
 *
 * <p>Threading: every method takes the overlay's own lock; files never contend.
 */
final class Overlay {
    /** Bytes [start, end) of the file are at {@code position} of {@code segment}; from record {@code seq}. */
    record Piece(long start, long end, Segment segment, long position, long seq) {
        Piece from(long newStart) {
            return new Piece(newStart, end, segment, position + (newStart - start), seq);
        }

        Piece upTo(long newEnd) {
            return new Piece(start, newEnd, segment, position, seq);
        }
    }

    /** A consistent copy of the pieces that matter for one range, and the truncation point. */
    record View(List<Piece> pieces, long zeroFrom, long seq) {
        static final View EMPTY = new View(List.of(), Long.MAX_VALUE, 0);
    }

    final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<Long, Piece> pieces = new TreeMap<>();
    private long zeroFrom = Long.MAX_VALUE;
    private long zeroSeq;
    private long lastSeq;
    private long lastTicket;
    private long bytes;
    private long firstChangeNanos;
    /** Lowest offset changed since the last rollup, and the highest end. */
    private long lo = Long.MAX_VALUE;

    private long hi;
    /** Set when the file is gone: nothing may be added. */
    boolean removed;

    void write(long offset, long length, Segment segment, long position, long seq, long ticket) {
        lock.lock();
        try {
            long end = offset + length;
            cut(offset, end);
            pieces.put(offset, new Piece(offset, end, segment, position, seq));
            bytes += length;
            touched(offset, end, seq, ticket);
        } finally {
            lock.unlock();
        }
    }

    void truncate(long newSize, long seq, long ticket) {
        lock.lock();
        try {
            cut(newSize, Long.MAX_VALUE);
            zeroFrom = Math.min(zeroFrom, newSize);
            zeroSeq = seq;
            touched(newSize, newSize, seq, ticket);
        } finally {
            lock.unlock();
        }
    }

    private void touched(long start, long end, long seq, long ticket) {
        lo = Math.min(lo, start);
        hi = Math.max(hi, end);
        lastSeq = Math.max(lastSeq, seq);
        lastTicket = Math.max(lastTicket, ticket);
        if (firstChangeNanos == 0) {
            firstChangeNanos = System.nanoTime();
        }
    }

    /** Removes [start, end) from the pieces, splitting those that straddle the ends. */
    private void cut(long start, long end) {
        Map.Entry<Long, Piece> before = pieces.lowerEntry(start);
        if (before != null && before.getValue().end() > start) {
            Piece p = before.getValue();
            pieces.put(p.start(), p.upTo(start));
            if (p.end() > end) {
                pieces.put(end, p.from(end));
            }
        }
        for (var it = pieces.subMap(start, true, end, false).entrySet().iterator(); it.hasNext(); ) {
            Piece p = it.next().getValue();
            it.remove();
            if (p.end() > end) {
                pieces.put(end, p.from(end));
            }
        }
    }

    /** The pieces overlapping [start, end), clipped to it, and the truncation point. */
    View view(long start, long end) {
        lock.lock();
        try {
            List<Piece> out = new ArrayList<>();
            Map.Entry<Long, Piece> first = pieces.floorEntry(start);
            long from = first != null && first.getValue().end() > start ? first.getKey() : start;
            for (Piece p : pieces.subMap(from, true, end, false).values()) {
                Piece c = p.start() < start ? p.from(start) : p;
                out.add(c.end() > end ? c.upTo(end) : c);
            }
            return new View(out, zeroFrom, lastSeq);
        } finally {
            lock.unlock();
        }
    }

    /** What a rollup works from: every piece, the changed range and the newest record included. */
    record Snapshot(View view, long lo, long hi, long seq) {}

    Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(
                    new View(List.copyOf(pieces.values()), zeroFrom, lastSeq),
                    lo == Long.MAX_VALUE ? 0 : lo,
                    hi,
                    lastSeq);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets what a rollup of records up to {@code seq} put into the content map. Returns whether
     * anything newer is left.
     */
    boolean rolledUp(long seq) {
        lock.lock();
        try {
            pieces.values().removeIf(p -> p.seq() <= seq);
            if (zeroSeq <= seq) {
                zeroFrom = Long.MAX_VALUE;
            }
            if (lastSeq <= seq) {
                lo = Long.MAX_VALUE;
                hi = 0;
                bytes = 0;
                firstChangeNanos = 0;
                return false;
            }
            // Newer changes stay; their range is conservatively the whole of what is left.
            lo = Long.MAX_VALUE;
            hi = 0;
            for (Piece p : pieces.values()) {
                lo = Math.min(lo, p.start());
                hi = Math.max(hi, p.end());
            }
            if (zeroFrom != Long.MAX_VALUE) {
                lo = Math.min(lo, zeroFrom);
                hi = Math.max(hi, zeroFrom);
            }
            bytes = pieces.values().stream().mapToLong(p -> p.end() - p.start()).sum();
            firstChangeNanos = System.nanoTime();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return lastSeq == 0 || (pieces.isEmpty() && zeroFrom == Long.MAX_VALUE && lo == Long.MAX_VALUE);
        } finally {
            lock.unlock();
        }
    }

    long lastTicket() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    long firstChangeNanos() {
        lock.lock();
        try {
            return firstChangeNanos;
        } finally {
            lock.unlock();
        }
    }
}
