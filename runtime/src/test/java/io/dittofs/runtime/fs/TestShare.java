package io.dittofs.runtime.fs;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A share on memory stores with a clock the test moves, and shorthands for callers. */
final class TestShare {
    static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);
    static final AuthContext ALICE = AuthContext.internal(new Principal(1000, 1000, new int[] {1000, 50}, "alice"));
    static final AuthContext BOB = AuthContext.internal(new Principal(1001, 1001, new int[] {1001, 50}, "bob"));
    static final AuthContext CAROL = AuthContext.internal(new Principal(1002, 1002, new int[] {1002}, "carol"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final BlockStore blocks;
    /** Rollups run only when a test drains the pipeline, so what is logged and what is remote is predictable. */
    static final ContentSettings SETTINGS = ContentSettings.DEFAULTS.withRollup(Duration.ofHours(1), Long.MAX_VALUE);

    final MemoryMetadataStore meta;
    final Share share;
    final FileSystem fs;

    TestShare() {
        this(ShareOptions.DEFAULTS, SETTINGS);
    }

    TestShare(ShareOptions options, ContentSettings settings) {
        this(new MemoryMetadataStore(), new MemoryBlockStore(), options, settings);
    }

    /** The share over {@code previous}'s stores, after closing it: a restart. */
    TestShare(TestShare previous, ContentSettings settings) {
        this(previous.meta, closed(previous).blocks, ShareOptions.DEFAULTS, settings);
    }

    /** A share over a given remote (a counting or sealing one). */
    TestShare(BlockStore remote, ContentSettings settings) {
        this(new MemoryMetadataStore(), remote, ShareOptions.DEFAULTS, settings);
    }

    private TestShare(MemoryMetadataStore meta, BlockStore blocks, ShareOptions options, ContentSettings settings) {
        this.meta = meta;
        this.blocks = blocks;
        share = Shares.open("test", options, meta, blocks, settings, clock);
        fs = share.fileSystem();
    }

    private static TestShare closed(TestShare t) {
        t.fs.close();
        return t;
    }

    io.dittofs.runtime.content.ContentStore content() {
        return ((PosixFileSystem) fs).content();
    }

    NodeId root() {
        return fs.root();
    }

    NodeId file(AuthContext who, NodeId dir, String name, int mode) {
        return fs.createFile(who, dir, name, SetAttributes.mode(mode), CreateMode.GUARDED)
                .created()
                .id();
    }

    NodeId dir(AuthContext who, NodeId parent, String name, int mode) {
        return fs.createDirectory(who, parent, name, SetAttributes.mode(mode))
                .created()
                .id();
    }

    Attributes attrs(NodeId id) {
        return fs.getAttributes(ROOT, id);
    }

    void write(AuthContext who, NodeId file, long offset, String text) {
        fs.write(who, file, offset, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Stability.UNSTABLE);
    }

    String read(AuthContext who, NodeId file, long offset, int count) {
        ByteBuffer b = fs.read(who, file, offset, count).data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A clock tests move by hand so time updates are visible. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
