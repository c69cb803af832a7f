package io.dittofs.store.block;

/** What {@link BlockStore#stat} knows of one object. */
public record BlockInfo(String key, long size) {
    public BlockInfo {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
