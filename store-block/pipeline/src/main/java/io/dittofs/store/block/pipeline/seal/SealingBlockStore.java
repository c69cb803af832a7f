package io.dittofs.store.block.pipeline.seal;

import io.dittofs.crypto.envelope.EnvelopeCipher;
import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockKey;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.block.KeyPage;
import io.dittofs.store.block.pipeline.ChunkSealer;
import io.dittofs.store.block.pipeline.CorruptObjectException;
import io.dittofs.store.block.pipeline.compress.ChunkCompressor;
import io.dittofs.store.block.pipeline.hash.Blake3Hashers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A remote that only ever holds compressed ciphertext: a {@link BlockStore} decorator that seals
 * every object on {@link #put} and opens it on {@link #get}, with the same keys.
 *
 * <p>An object is stored as a {@link FrameIndex} followed by frames: the plaintext cut into
 * {@code frameSize} pieces (or at the caller's boundaries, {@link #putFrames}), each sealed on its
 * own by {@link ChunkSealer} (compressed, or raw when that does not pay; envelope-encrypted under
 * its own data key, the versioned header as associated data). So:
 *
 * <ul>
 *   <li>a ranged {@link #get(String, long, int)} costs two ranged GETs of the remote, one for the
 *       index (a {@value #PROBE_LENGTH}-byte probe, which for a small object is all of it) and one
 *       for just the frames that hold the range;
 *   <li>a pack of chunks written with {@link #putFrames}, one frame per chunk, gives each chunk's
 *       {@link FrameLocation}; with it, {@link #readFrame} is one ranged GET of that chunk alone;
 *   <li>a read gives the bytes that were put or a {@link BlockStoreException} of kind CORRUPT
 *       (bad index, a frame that fails its CRC, authentication or decompression), never other
 *       bytes.
 * </ul>
 *
 * <p>{@link #stat} reports the plaintext size (it reads the index). {@link #delete}, {@link #list}
 * and {@link #capacity} pass through. Closing this store closes the remote.
 *
 * <p>Thread-safe when the remote is.
 */
public final class SealingBlockStore implements BlockStore {
    /** Plaintext bytes per frame by default: a 4 KiB read then fetches and opens at most 64 KiB. */
    public static final int DEFAULT_FRAME_SIZE = 64 * 1024;
    /** First bytes fetched to find the index: holds the index of objects up to ~340 frames. */
    static final int PROBE_LENGTH = 4096;

    private final BlockStore remote;
    private final ChunkSealer sealer;
    private final int frameSize;

    /**
     * @param cipher encrypts new frames, or null to store them compressed but readable (encrypted
     *     objects then fail to open)
     * @param frameSize plaintext bytes per frame for {@link #put}
     */
    public SealingBlockStore(
            BlockStore remote, ChunkCompressor compressor, @Nullable EnvelopeCipher cipher, int frameSize) {
        if (frameSize < 1 || frameSize > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("frame size must be 1 byte to 16 MiB, not " + frameSize);
        }
        this.remote = remote;
        // The hasher only verifies chunk names, which this layer does not know: frames are opened unverified,
        // their integrity coming from the AEAD tag (or payload CRC) and the index's frame CRCs.
        this.sealer = new ChunkSealer(compressor, cipher, Blake3Hashers.pureJava(null));
        this.frameSize = frameSize;
    }

    /** The store underneath, which holds the sealed bytes. */
    public BlockStore remote() {
        return remote;
    }

    @Override
    public void put(String key, ByteBuffer data) {
        BlockKey.requireValid(key);
        ByteBuffer in = data.duplicate();
        List<ByteBuffer> frames = new ArrayList<>(in.remaining() / frameSize + 1);
        for (int at = in.position(); at < in.limit(); at += frameSize) {
            frames.add(in.slice(at, Math.min(frameSize, in.limit() - at)));
        }
        putFrames(key, frames);
    }

    /**
     * Stores the concatenation of {@code frames} under {@code key}, each frame sealed on its own,
     * and says where each one landed. The buffers are read, not kept or moved.
     */
    public List<FrameLocation> putFrames(String key, List<ByteBuffer> frames) {
        BlockKey.requireValid(key);
        int n = frames.size();
        ByteBuffer[] sealed = new ByteBuffer[n];
        int[] plain = new int[n];
        int[] stored = new int[n];
        int[] crcs = new int[n];
        long plainLength = 0;
        long total = FrameIndex.lengthFor(n);
        for (int i = 0; i < n; i++) {
            ByteBuffer frame = frames.get(i);
            sealed[i] = sealer.seal(frame);
            plain[i] = frame.remaining();
            stored[i] = sealed[i].remaining();
            crcs[i] = FrameIndex.crc(sealed[i], sealed[i].position(), stored[i]);
            plainLength += plain[i];
            total += stored[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sealed object of " + total + " bytes is too large for one buffer");
        }
        FrameIndex index = new FrameIndex(plainLength, plain, stored, crcs);
        ByteBuffer object = ByteBuffer.allocate((int) total);
        index.encodeTo(object);
        for (ByteBuffer s : sealed) {
            object.put(s);
        }
        remote.put(key, object.flip());
        return List.of(index.locations());
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
        Optional<ByteBuffer> stored = remote.get(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer object = stored.get();
        FrameIndex index = decodeIndex(key, object);
        return Optional.of(openFrames(key, index, object, 0, 0, index.frameCount()));
    }

    @Override
    public Optional<ByteBuffer> get(String key, long offset, int length) {
        BlockKey.requireValid(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " or length " + length);
        }
        Optional<ByteBuffer> probe = remote.get(key, 0, PROBE_LENGTH);
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer head = fullIndex(key, probe.get());
        FrameIndex index = decodeIndex(key, head);
        long end = Math.min(index.plainLength(), offset + length);
        if (offset >= end) {
            return Optional.of(ByteBuffer.allocate(0).asReadOnlyBuffer());
        }
        FrameLocation[] frames = index.locations();
        int first = frameAt(frames, offset);
        int last = frameAt(frames, end - 1);
        long from = frames[first].storedOffset();
        long to = frames[last].storedOffset() + frames[last].storedLength();
        ByteBuffer span;
        long base; // span's position of stored offset s is s + base
        if (to <= head.limit()) {
            span = head; // A small object: the probe already holds these frames.
            base = 0;
        } else {
            span = fetch(key, from, to - from);
            base = -from;
        }
        ByteBuffer opened = openFrames(key, index, span, base, first, last + 1);
        int skip = (int) (offset - frames[first].plainOffset());
        return Optional.of(opened.slice(skip, (int) (end - offset)).asReadOnlyBuffer());
    }

    /**
     * The plaintext of one frame, fetched alone with one ranged GET, checked against its CRC,
     * authenticated and decompressed. Empty when there is no object {@code key}.
     */
    public Optional<ByteBuffer> readFrame(String key, FrameLocation frame) {
        Optional<ByteBuffer> stored = remote.get(key, frame.storedOffset(), frame.storedLength());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer bytes = stored.get();
        if (bytes.remaining() != frame.storedLength()) {
            throw corrupt(
                    key,
                    "frame " + frame.index() + " truncated: " + bytes.remaining() + " of " + frame.storedLength()
                            + " bytes");
        }
        return Optional.of(openFrame(key, frame, bytes, bytes.position()).asReadOnlyBuffer());
    }

    /** The frames of the object {@code key}, from its index (one ranged GET, two for very large objects). */
    public Optional<List<FrameLocation>> frames(String key) {
        BlockKey.requireValid(key);
        return remote.get(key, 0, PROBE_LENGTH)
                .map(probe -> List.of(decodeIndex(key, fullIndex(key, probe)).locations()));
    }

    @Override
    public Optional<BlockInfo> stat(String key) {
        BlockKey.requireValid(key);
        return remote.get(key, 0, PROBE_LENGTH)
                .map(probe -> new BlockInfo(
                        key, decodeIndex(key, fullIndex(key, probe)).plainLength()));
    }

    @Override
    public boolean delete(String key) {
        return remote.delete(key);
    }

    @Override
    public KeyPage list(String prefix, @Nullable String startAfter, int limit) {
        return remote.list(prefix, startAfter, limit);
    }

    @Override
    public Capacity capacity() {
        return remote.capacity();
    }

    @Override
    public void close() {
        remote.close();
    }

    /** {@code probe} when it holds the whole index, otherwise the index fetched whole. */
    private ByteBuffer fullIndex(String key, ByteBuffer probe) {
        int needed;
        try {
            needed = FrameIndex.requiredLength(probe);
        } catch (FrameIndex.SealedFormatException e) {
            throw corrupt(key, e.getMessage());
        }
        if (needed <= probe.remaining()) {
            return probe;
        }
        return fetch(key, 0, needed);
    }

    private ByteBuffer fetch(String key, long offset, long length) {
        ByteBuffer bytes = remote.get(key, offset, (int) length)
                .orElseThrow(() -> new BlockStoreException(
                        BlockStoreException.Kind.IO, "sealed object '" + key + "' vanished while being read"));
        if (bytes.remaining() != length) {
            throw corrupt(key, "object ends " + (length - bytes.remaining()) + " bytes before its index says");
        }
        return bytes;
    }

    private FrameIndex decodeIndex(String key, ByteBuffer object) {
        try {
            return FrameIndex.decode(object);
        } catch (FrameIndex.SealedFormatException e) {
            throw corrupt(key, e.getMessage());
        }
    }

    /**
     * Opens frames {@code [first, end)} from {@code span}, in which stored offset {@code s} is at
     * position {@code s + base}, into one new buffer of their plaintext.
     */
    private ByteBuffer openFrames(String key, FrameIndex index, ByteBuffer span, long base, int first, int end) {
        FrameLocation[] frames = index.locations();
        long plain = 0;
        for (int i = first; i < end; i++) {
            plain += frames[i].plainLength();
        }
        if (plain > Integer.MAX_VALUE - 8) {
            throw new BlockStoreException(
                    BlockStoreException.Kind.IO, "object '" + key + "' is too large to read into one buffer");
        }
        ByteBuffer out = ByteBuffer.allocate((int) plain);
        for (int i = first; i < end; i++) {
            long at = frames[i].storedOffset() + base;
            if (at + frames[i].storedLength() > span.limit()) {
                throw corrupt(key, "frame " + i + " runs past the end of the object");
            }
            out.put(openFrame(key, frames[i], span, (int) at));
        }
        return out.flip().asReadOnlyBuffer();
    }

    private ByteBuffer openFrame(String key, FrameLocation frame, ByteBuffer span, int at) {
        ByteBuffer sealed = span.slice(at, frame.storedLength());
        if (FrameIndex.crc(sealed, 0, frame.storedLength()) != frame.crc32c()) {
            throw corrupt(key, "frame " + frame.index() + " fails its CRC-32C");
        }
        ByteBuffer plain;
        try {
            plain = sealer.openUnverified(sealed);
        } catch (CorruptObjectException e) {
            throw corrupt(key, "frame " + frame.index() + ": " + e.getMessage());
        }
        if (plain.remaining() != frame.plainLength()) {
            throw corrupt(
                    key,
                    "frame " + frame.index() + " opens to " + plain.remaining() + " bytes, the index says "
                            + frame.plainLength());
        }
        return plain;
    }

    private static int frameAt(FrameLocation[] frames, long plainOffset) {
        int lo = 0;
        int hi = frames.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (frames[mid].plainOffset() <= plainOffset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static BlockStoreException corrupt(String key, String why) {
        return new BlockStoreException(
                BlockStoreException.Kind.CORRUPT, "sealed object '" + key + "' is corrupt: " + why);
    }
}
