package io.dittofs.store.block.pipeline.compress;

/** A compression algorithm, with the id recorded in object headers. Ids never change meaning. */
public enum Compression {
    NONE(0),
    ZSTD(1),
    LZ4(2);

    private final int id;

    Compression(int id) {
        this.id = id;
    }

    /** The one-byte id stored in object headers. */
    public int id() {
        return id;
    }

    /**
     * The algorithm with this header id.
     *
     * @throws IllegalArgumentException for an id no version of DittoFS assigned
     */
    public static Compression fromId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression id " + id);
    }
}
