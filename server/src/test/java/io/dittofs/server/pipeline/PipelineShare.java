package io.dittofs.server.pipeline;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.metadata.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** A share over given stores and local tier, with helpers the pipeline tests share. */
final class PipelineShare implements AutoCloseable {
    static final String NAME = "pipeline";
    static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);
    static final int IO = 1 << 20;

    final FileSystem fs;

    PipelineShare(MetadataStore meta, BlockStore remote, ContentSettings settings) {
        this.fs = Shares.open(NAME, ShareOptions.DEFAULTS, meta, remote, settings, Clock.systemUTC())
                .fileSystem();
    }

    ContentStore content() {
        return ((PosixFileSystem) fs).content();
    }

    NodeId create(String name) {
        return fs.createFile(ROOT, fs.root(), name, SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
    }

    NodeId lookup(String name) {
        return fs.lookup(ROOT, fs.root(), name).id();
    }

    /** Writes {@code length} bytes of the stream {@code seed} in 1 MiB UNSTABLE writes, then COMMIT. */
    void writeAndCommit(NodeId f, long seed, long length) {
        ByteBuffer buf = ByteBuffer.allocate(IO);
        for (long off = 0; off < length; off += IO) {
            int n = (int) Math.min(IO, length - off);
            fill(seed, off, buf.clear().limit(n));
            fs.write(ROOT, f, off, buf.flip(), Stability.UNSTABLE);
        }
        fs.commit(ROOT, f);
    }

    /** Whether the file holds exactly {@code length} bytes of stream {@code seed}. */
    boolean holds(NodeId f, long seed, long length) {
        if (fs.getAttributes(ROOT, f).size() != length) {
            return false;
        }
        ByteBuffer want = ByteBuffer.allocate(IO);
        for (long off = 0; off < length; off += IO) {
            int n = (int) Math.min(IO, length - off);
            fill(seed, off, want.clear().limit(n));
            want.flip();
            ByteBuffer got = fs.read(ROOT, f, off, n).data();
            if (!got.equals(want)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills {@code out} (position to limit) with the bytes at {@code offset} of the pseudo-random
     * stream {@code seed}: 4 KiB blocks each made from (seed, block index), so any range can be
     * made without the bytes before it.
     */
    static void fill(long seed, long offset, ByteBuffer out) {
        byte[] block = new byte[4096];
        long pos = offset;
        while (out.hasRemaining()) {
            long index = pos / block.length;
            new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextBytes(block);
            int from = (int) (pos % block.length);
            int n = Math.min(block.length - from, out.remaining());
            out.put(block, from, n);
            pos += n;
        }
    }

    /** Bytes of regular files under a folder, leaving out the filesystem store's own {@code #} names. */
    static long bytesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("#"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        fs.close();
    }
}
