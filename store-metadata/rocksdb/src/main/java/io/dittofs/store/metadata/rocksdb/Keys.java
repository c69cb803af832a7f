package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.NameFolding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key and value encodings of the store: fixed-width big-endian ids, so that RocksDB's bytewise
 * order is numeric order for the positive ids and cookies the store uses, and names in UTF-8.
 */
final class Keys {
    private Keys() {}

    /** Length of an encoded id or cookie. */
    static final int ID = Long.BYTES;

    /** {@link Cf#META}: the on-disk format version. */
    static final byte[] FORMAT_VERSION = {0x00};
    /** {@link Cf#META}: the next file id to allocate. */
    static final byte[] NEXT_FILE_ID = {0x01};
    /** {@link Cf#META}: how many inodes there are. */
    static final byte[] INODE_COUNT = {0x02};
    /** {@link Cf#META}: tag of a directory's next cookie, followed by the directory id. */
    static final byte NEXT_COOKIE_TAG = 0x10;

    /** The current on-disk format. */
    static final long FORMAT = 1;

    /** A big-endian id: the key of {@link Cf#INODES}, and the value of the counters. */
    static byte[] id(long id) {
        byte[] b = new byte[ID];
        putLong(b, 0, id);
        return b;
    }

    static byte[] nextCookie(long dirId) {
        byte[] b = new byte[1 + ID];
        b[0] = NEXT_COOKIE_TAG;
        putLong(b, 1, dirId);
        return b;
    }

    /** dirId|cookie. */
    static byte[] byCookie(long dirId, long cookie) {
        byte[] b = new byte[2 * ID];
        putLong(b, 0, dirId);
        putLong(b, ID, cookie);
        return b;
    }

    /** dirId|nameUTF8. */
    static byte[] byName(long dirId, byte[] name) {
        byte[] b = new byte[ID + name.length];
        putLong(b, 0, dirId);
        System.arraycopy(name, 0, b, ID, name.length);
        return b;
    }

    /** dirId|foldedUTF8|0x00: the prefix of every variant of a folded name. */
    static byte[] foldedPrefix(long dirId, String foldedName) {
        byte[] folded = utf8(foldedName);
        byte[] b = new byte[ID + folded.length + 1];
        putLong(b, 0, dirId);
        System.arraycopy(folded, 0, b, ID, folded.length);
        return b; // last byte stays 0x00
    }

    /** dirId|fold(name)UTF8|0x00|cookie. */
    static byte[] byFoldedName(long dirId, String name, long cookie) {
        byte[] prefix = foldedPrefix(dirId, NameFolding.fold(name));
        byte[] b = Arrays.copyOf(prefix, prefix.length + ID);
        putLong(b, prefix.length, cookie);
        return b;
    }

    /** Value of {@link Cf#ENTRIES_BY_COOKIE} and {@link Cf#ENTRIES_BY_FOLDED_NAME}: childId|nameUTF8. */
    static byte[] childAndName(long childId, byte[] name) {
        return byName(childId, name);
    }

    /** Value of {@link Cf#ENTRIES_BY_NAME}: cookie|childId. */
    static byte[] cookieAndChild(long cookie, long childId) {
        return byCookie(cookie, childId);
    }

    static String nameAfterId(byte[] b) {
        return new String(b, ID, b.length - ID, StandardCharsets.UTF_8);
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * A name in UTF-8. Java strings may hold unpaired surrogates, which UTF-8 cannot encode;
     * {@link String#getBytes} would silently turn them into '?', so they are refused instead.
     *
     * @throws IllegalArgumentException when {@code s} has an unpaired surrogate
     */
    static byte[] utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("name has an unpaired surrogate at index " + i);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = ID - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < ID; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** {@link Cf#XATTRS}: fileId|nameUTF8. */
    static byte[] xattr(long fileId, String name) {
        return byName(fileId, utf8(name));
    }

    /** {@link Cf#STATE}: kindASCII|0x00, the prefix of every record of a kind (kinds hold no NUL). */
    static byte[] stateKindPrefix(String kind) {
        byte[] k = kind.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(k, k.length + 1);
    }

    /** {@link Cf#STATE}: kindASCII|0x00|key. */
    static byte[] state(String kind, byte[] key) {
        byte[] prefix = stateKindPrefix(kind);
        byte[] b = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, b, prefix.length, key.length);
        return b;
    }
}
