package io.dittofs.store.block.pipeline.chunk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream, fed as any sequence of buffers, into FastCDC chunks and hands each whole chunk
 * to a {@link Sink}. A chunk that lies inside one input buffer is passed as a slice of it (no
 * copy); one that spans buffers is assembled in an internal buffer of at most {@code maxSize}.
 * Chunks are plain (not read-only) views so that array-based fast paths (JCE ciphers, zstd,
 * BLAKE3) apply: sinks must not modify them.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class Chunker {

    /** Receives chunks in stream order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One chunk: {@code offset} is its position in the stream, {@code chunk} a view of its bytes
         * that must not be modified and is valid only during this call (copy what must be kept).
         */
        void chunk(long offset, ByteBuffer chunk);
    }

    private final FastCdc cdc;
    private final Sink sink;
    private final ByteBuffer pending;
    private long offset;

    public Chunker(ChunkerConfig config, Sink sink) {
        this.cdc = new FastCdc(config);
        this.sink = sink;
        this.pending = ByteBuffer.allocate(config.maxSize());
    }

    /** The chunks of a whole buffer's remaining bytes, as slices of it (views, not copies). */
    public static List<ByteBuffer> split(ChunkerConfig config, ByteBuffer data) {
        List<ByteBuffer> chunks = new ArrayList<>();
        FastCdc cdc = new FastCdc(config);
        ByteBuffer view = data.duplicate();
        int start = view.position();
        while (view.hasRemaining()) {
            boolean cut = cdc.findBoundary(view);
            if (cut || !view.hasRemaining()) {
                chunks.add(view.slice(start, view.position() - start));
                start = view.position();
            }
        }
        return chunks;
    }

    /** Consumes all of {@code data}'s remaining bytes, emitting every chunk they complete. */
    public void accept(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        int start = view.position();
        while (view.hasRemaining()) {
            if (!cdc.findBoundary(view)) {
                pending.put(view.duplicate().position(start).limit(view.position()));
                break;
            }
            ByteBuffer piece = view.duplicate().position(start).limit(view.position());
            if (pending.position() == 0) {
                emit(piece.slice());
            } else {
                pending.put(piece);
                emit(pending.flip().slice());
                pending.clear();
            }
            start = view.position();
        }
        data.position(data.limit());
    }

    /** Emits the bytes after the last boundary, if any, as the final chunk, and starts afresh. */
    public void finish() {
        if (pending.position() > 0) {
            emit(pending.flip().slice());
            pending.clear();
        }
        cdc.reset();
        offset = 0;
    }

    private void emit(ByteBuffer chunk) {
        int n = chunk.remaining();
        sink.chunk(offset, chunk);
        offset += n;
    }
}
