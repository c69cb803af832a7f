package io.dittofs.store.metadata.rocksdb;

import java.nio.charset.StandardCharsets;
import org.rocksdb.RocksDB;

/**
 * The column families of the store, in the order they are opened (append new ones at the end). See {@link RocksDbMetadataStore} for the keys and values of
 * each, and why they are separate.
 */
enum Cf {
    /** Counters and the format version. */
    META(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8), "counter", false),
    /** fileId → inode. */
    INODES("inodes", "inode", false),
    /** dirId|cookie → childId, name: readdir. */
    ENTRIES_BY_COOKIE("entries-by-cookie", "entry by cookie", true),
    /** dirId|name → cookie, childId: lookup. */
    ENTRIES_BY_NAME("entries-by-name", "entry by name", false),
    /** dirId|folded name|0x00|cookie → childId, name: case-insensitive lookup. */
    ENTRIES_BY_FOLDED_NAME("entries-by-folded-name", "entry by folded name", true),
    /** fileId|nameUTF8 → value: extended attributes, listed by a scan of the inode's prefix. */
    XATTRS("xattrs", "extended attribute", true),
    /** kindASCII|0x00|key → value: persistent protocol state records. */
    STATE("state", "state record", false);

    /** The column family's name in the database. */
    final String dbName;
    /** What a key of this family is, for error messages. */
    final String keyKind;
    /** Whether keys are scanned by their 8-byte directory prefix (and get a prefix bloom filter). */
    final boolean scannedByDirectory;

    Cf(String dbName, String keyKind, boolean scannedByDirectory) {
        this.dbName = dbName;
        this.keyKind = keyKind;
        this.scannedByDirectory = scannedByDirectory;
    }
}
