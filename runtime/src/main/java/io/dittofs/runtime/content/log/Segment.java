package io.dittofs.runtime.content.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One file of the write log: records appended at its end, read back by position.
 *
 * <p>{@link #pending} maps each file with records here to the sequence number of its last
 * record here; an entry goes once the file is rolled up past it, and a segment without entries
 * (and older ones without any) can be deleted.
 *
 * <p>Threading: appends happen under the log's lock; positional reads from any thread.
 */
public final class Segment {
    final long firstSeq;
    final Path path;
    final FileChannel channel;
    /** Bytes written; guarded by the log's lock. */
    long size;

    final Map<FileRef, Long> pending = new ConcurrentHashMap<>();

    Segment(long firstSeq, Path path, FileChannel channel, long size) {
        this.firstSeq = firstSeq;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Fills {@code dst} from {@code position} of this segment. */
    public void read(long position, ByteBuffer dst) {
        // An interrupt during FileChannel I/O closes the channel for every thread; a pending one
        // (an adapter stopping its request threads) is held back until the read is done.
        boolean interrupted = Thread.interrupted();
        try {
            long pos = position;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new IOException("write log segment " + path + " ends before " + pos);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the write log at " + path + ":" + position, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
