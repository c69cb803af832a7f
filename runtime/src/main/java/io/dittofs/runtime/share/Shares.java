package io.dittofs.runtime.share;

import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.fs.PosixFileSystem;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.metadata.MetadataStore;
import java.time.Clock;

/** Builds shares from their stores. */
public final class Shares {
    /** Mode of a new share's root directory: writable by all, as a fresh scratch export is expected to be. */
    public static final int DEFAULT_ROOT_MODE = 0777;

    private Shares() {}

    /** The first key segment of the share's objects in its block store. */
    public static String contentPrefix(String name) {
        return "s" + Integer.toHexString(ShareRegistry.idFor(name));
    }

    /** A share over {@code metadata} and {@code blocks} with default content settings. */
    public static Share open(String name, ShareOptions options, MetadataStore metadata, BlockStore blocks) {
        return open(name, options, metadata, blocks, ContentSettings.DEFAULTS, Clock.systemUTC());
    }

    public static Share open(
            String name,
            ShareOptions options,
            MetadataStore metadata,
            BlockStore blocks,
            ContentSettings settings,
            Clock clock) {
        return open(name, () -> options, metadata, blocks, settings, clock);
    }

    /**
     * A share whose file system reads its options from {@code options} on every operation, so
     * the control plane can change them while the share is served (with {@link
     * ShareRegistry#replace}).
     */
    public static Share open(
            String name,
            java.util.function.Supplier<ShareOptions> options,
            MetadataStore metadata,
            BlockStore blocks,
            ContentSettings settings,
            Clock clock) {
        int id = ShareRegistry.idFor(name);
        ContentStore content = new ContentStore(metadata, blocks, contentPrefix(name), settings, clock);
        PosixFileSystem fs = new PosixFileSystem(name, metadata, content, options, clock, DEFAULT_ROOT_MODE);
        return new Share(name, id, options.get(), fs);
    }
}
