package io.dittofs.runtime.content.log;

import io.dittofs.store.metadata.support.GroupCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of writes and truncations in segment files under one folder.
 *
 * <p>An append writes the record (header and data, one gathering write into the page cache)
 * under a short lock and returns at once; {@link #sync} makes every record up to a ticket durable
 * with one {@code fsync} shared by every caller waiting at the time ({@link GroupCommit}). When
 * the log moves on to a new segment, the old one joins a queue that the next sync forces before
 * the active segment: moving on costs appends no fsync under the lock (forcing a whole segment
 * there held every writer of the lane for ~100 ms at each rotation). Segments are deleted from the oldest once every file with records in them has been
 * rolled up past them ({@link #release}): deleting only from the head keeps every record after
 * the oldest kept one, so a replay always sees a complete suffix of each file's history.
 *
 * <p>{@link #open} replays the segments in order up to the last whole record of each, handing
 * every record to a callback, then starts a new segment.
 *
 * <p>Threading: thread-safe; appends serialize on one lock per log (the content layer runs
 * several logs, "lanes", per share, chosen by file id).
 */
public final class WriteLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteLog.class);
    private static final String SUFFIX = ".log";
    /** How long a deleted segment's channel stays open for readers that still hold a position in it. */
    private static final long CLOSE_DELAY_NANOS = 30_000_000_000L;
    /** A fully rolled-up active segment at least this big is replaced by a new one, so it can be deleted. */
    private static final long DRAINED_ROTATE_BYTES = 1 << 20;

    /** Receives each replayed record and where its data lies. */
    @FunctionalInterface
    public interface Replay {
        void record(LogRecord record, Segment segment, long dataPosition);
    }

    private final Path dir;
    private final long segmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final GroupCommit group = new GroupCommit(this::force);
    /**
     * Segments the log moved on from that no sync has forced yet, oldest first. Added before
     * {@link #active} moves on, so a sync that reads {@code active} and then drains this queue
     * forces every segment holding a record appended before it began.
     */
    private final ConcurrentLinkedQueue<Segment> unforced = new ConcurrentLinkedQueue<>();
    // Guarded by lock.
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final Deque<Retired> retired = new ArrayDeque<>();
    private volatile Segment active;
    private long lastSeq;
    private final long ticketBase;

    private record Retired(Segment segment, long since) {}

    private WriteLog(Path dir, long segmentBytes, long lastSeq, List<Segment> replayed) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lastSeq = lastSeq;
        this.ticketBase = lastSeq;
        segments.addAll(replayed);
        this.active = newSegment(lastSeq + 1);
        segments.add(active);
        trim();
    }

    /** Opens (creating) the log in {@code dir}, replaying what it holds into {@code replay}. */
    public static WriteLog open(Path dir, long segmentBytes, Replay replay) {
        try {
            Files.createDirectories(dir);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                        .sorted()
                        .toList();
            }
            List<Segment> replayed = new ArrayList<>();
            long lastSeq = 0;
            for (Path p : files) {
                String name = p.getFileName().toString();
                long first = Long.parseUnsignedLong(name.substring(0, name.length() - SUFFIX.length()), 16);
                Segment s = new Segment(first, p, FileChannel.open(p, StandardOpenOption.READ), 0);
                lastSeq = Math.max(lastSeq, replaySegment(s, replay));
                lastSeq = Math.max(lastSeq, first - 1);
                if (s.size == 0) {
                    // Nothing whole in it (an active segment that got no record before the
                    // process ended): delete it now, or its name could be reused by the new
                    // active segment and then deleted under it by a trim.
                    s.channel.close();
                    Files.delete(p);
                } else {
                    replayed.add(s);
                }
            }
            return new WriteLog(dir, segmentBytes, lastSeq, replayed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write log in " + dir, e);
        }
    }

    /** Replays one segment up to its last whole record; returns the last sequence number seen. */
    private static long replaySegment(Segment s, Replay replay) throws IOException {
        long size = s.channel.size();
        long pos = 0;
        long last = 0;
        ByteBuffer header = ByteBuffer.allocate(LogRecord.HEADER);
        ByteBuffer data = ByteBuffer.allocate(1 << 20);
        while (pos + LogRecord.HEADER <= size) {
            header.clear();
            s.read(pos, header);
            LogRecord r = LogRecord.parse(header);
            if (r == null || pos + LogRecord.HEADER + r.length() > size || !dataIntact(s, pos, r, header, data)) {
                break;
            }
            s.pending.merge(new FileRef(r.fileId(), r.generation()), r.seq(), Math::max);
            replay.record(r, s, pos + LogRecord.HEADER);
            last = r.seq();
            pos += LogRecord.HEADER + r.length();
        }
        if (pos < size) {
            log.warn("write log {}: {} bytes after the last whole record are ignored (a torn write)", s, size - pos);
        }
        s.size = pos;
        return last;
    }

    private static boolean dataIntact(Segment s, long pos, LogRecord r, ByteBuffer header, ByteBuffer buf) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long at = pos + LogRecord.HEADER;
        long left = r.length();
        while (left > 0) {
            buf.clear().limit((int) Math.min(buf.capacity(), left));
            s.read(at, buf);
            crc.update(buf.flip());
            at += buf.limit();
            left -= buf.limit();
        }
        return (int) crc.getValue() == header.getInt(44);
    }

    /** Appends a write of {@code data} (position to limit, not consumed) at {@code offset} of a file. */
    public Appended write(FileRef file, long offset, ByteBuffer data) {
        return append(file, LogRecord.WRITE, offset, data);
    }

    /** Appends a truncation of a file to {@code newSize}. */
    public Appended truncate(FileRef file, long newSize) {
        return append(file, LogRecord.TRUNCATE, newSize, ByteBuffer.allocate(0));
    }

    private Appended append(FileRef file, int type, long offset, ByteBuffer data) {
        int dataCrc = LogRecord.dataCrc(data);
        int length = data.remaining();
        // See Segment#read: a pending interrupt must not close the log's channel mid-append.
        boolean interrupted = Thread.interrupted();
        lock.lock();
        try {
            long seq = lastSeq + 1;
            LogRecord r = new LogRecord(seq, file.fileId(), file.generation(), type, offset, length);
            Segment s = active;
            if (s.size > 0 && s.size + LogRecord.HEADER + length > segmentBytes) {
                unforced.add(s); // the next sync forces it
                s = newSegment(seq);
                segments.add(s);
                active = s;
            }
            ByteBuffer[] parts = {r.header(dataCrc), data.duplicate()};
            long total = LogRecord.HEADER + (long) length;
            long written = 0;
            try {
                while (written < total) {
                    written += s.channel.write(parts);
                }
            } catch (IOException e) {
                // Cut the partial record off, or the records appended after it would lie past a
                // torn one, where replay never reaches them.
                s.channel.truncate(s.size);
                s.channel.position(s.size);
                throw e;
            }
            long dataPosition = s.size + LogRecord.HEADER;
            s.size += total;
            s.pending.merge(file, seq, Math::max);
            lastSeq = seq;
            long ticket = group.committed();
            return new Appended(seq, ticket, s, dataPosition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the write log in " + dir, e);
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns once every record up to {@code ticket} is on stable storage (group commit). */
    public void sync(long ticket) {
        group.awaitDurable(ticket);
    }

    /** Makes every record appended so far durable. */
    public void syncAll() {
        group.awaitDurable(group.lastTicket());
    }

    /** Ticket of the newest record, for {@link #sync}. */
    public long lastTicket() {
        return group.lastTicket();
    }

    /** fsyncs done so far (tests check that concurrent commits share them). */
    public long syncs() {
        return group.flushes();
    }

    /** The group commit's flush: the segments moved on from, then the active one. */
    private void force() {
        boolean interrupted = Thread.interrupted(); // see Segment#read
        try {
            Segment current = active;
            forceUnforced();
            current.channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fsync the write log in " + dir, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Forces the queued segments, oldest first; one stays queued until its force succeeds. Only
     * the group commit's single flusher (or {@link #close}) calls this.
     */
    private void forceUnforced() throws IOException {
        for (Segment s; (s = unforced.peek()) != null; unforced.poll()) {
            try {
                s.channel.force(false);
            } catch (ClosedChannelException e) {
                // Deleted and closed: every record in it was rolled up, nothing to make durable.
            }
        }
    }

    /**
     * Records that {@code file}'s records up to {@code seq} are rolled up (or moot, for a removed
     * file: pass {@link Long#MAX_VALUE}), and deletes segments no longer needed.
     */
    public void release(FileRef file, long seq) {
        lock.lock();
        try {
            for (Segment s : segments) {
                s.pending.computeIfPresent(file, (k, last) -> last <= seq ? null : last);
            }
            Segment s = active;
            if (s.pending.isEmpty() && s.size >= DRAINED_ROTATE_BYTES) {
                // Everything logged is rolled up: start afresh so the drained segment can go.
                active = newSegment(lastSeq + 1);
                segments.add(active);
            }
            trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new write log segment in " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the log's segments take on disk. */
    public long bytes() {
        lock.lock();
        try {
            return segments.stream().mapToLong(s -> s.size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** How many segment files the log has. */
    public int segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    private void trim() {
        while (segments.size() > 1 && segments.peekFirst().pending.isEmpty()) {
            Segment s = segments.pollFirst();
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                log.warn("cannot delete write log segment {}: {}", s.path, e.toString());
            }
            retired.add(new Retired(s, System.nanoTime()));
        }
        long now = System.nanoTime();
        while (!retired.isEmpty() && now - retired.peekFirst().since() > CLOSE_DELAY_NANOS) {
            closeQuietly(retired.pollFirst().segment());
        }
    }

    private Segment newSegment(long firstSeq) throws IOException {
        Path p = dir.resolve(String.format("%016x%s", firstSeq, SUFFIX));
        FileChannel c =
                FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        c.position(c.size());
        // The new file's directory entry must be durable before records in it are acknowledged.
        forceDirectory();
        return new Segment(firstSeq, p, c, c.size());
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    private static void closeQuietly(Segment s) {
        try {
            s.channel.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", s.path, e.toString());
        }
    }

    /** Syncs and closes every segment. */
    @Override
    public void close() {
        lock.lock();
        try {
            try {
                forceUnforced();
                active.channel.force(false);
            } catch (IOException e) {
                log.warn("cannot fsync the write log in {} at close: {}", dir, e.toString());
            }
            segments.forEach(WriteLog::closeQuietly);
            retired.forEach(r -> closeQuietly(r.segment()));
        } finally {
            lock.unlock();
        }
    }

    /** The first sequence number this process assigned minus one: tickets count from here. */
    long ticketBase() {
        return ticketBase;
    }
}
