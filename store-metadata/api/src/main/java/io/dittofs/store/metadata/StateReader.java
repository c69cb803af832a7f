package io.dittofs.store.metadata;

import java.util.List;
import java.util.Optional;

/**
 * Reads of persistent protocol state ({@link StateRecord}s): kind + key → bytes, kept in the same
 * store and transactions as the namespace, so a record can change atomically with the files it
 * is about.
 */
public interface StateReader {

    /** The value of record {@code key} of {@code kind}, or empty when there is none. */
    Optional<byte[]> stateRecord(String kind, byte[] key);

    /**
     * Every record of {@code kind}, in ascending unsigned byte order of their keys: what a
     * protocol reloads at start (a few thousand records at most, so no paging).
     */
    List<StateRecord> stateRecords(String kind);
}
