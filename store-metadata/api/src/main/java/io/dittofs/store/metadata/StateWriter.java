package io.dittofs.store.metadata;

/** Changes of persistent protocol state, atomic with the rest of the write transaction. */
public interface StateWriter extends StateReader {

    /**
     * Inserts or replaces record {@code key} of {@code kind}. The store keeps its own copy.
     *
     * @throws IllegalArgumentException when kind, key or value break {@link StateRecord}'s limits
     */
    void putStateRecord(String kind, byte[] key, byte[] value);

    /** Removes record {@code key} of {@code kind}; {@code true} when it existed. */
    boolean removeStateRecord(String kind, byte[] key);
}
