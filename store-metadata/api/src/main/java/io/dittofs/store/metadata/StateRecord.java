package io.dittofs.store.metadata;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One record of protocol state that must survive a restart, such as an NFSv4 client record (for
 * reclaim after a server restart, RFC 7530 section 9.6.2), a host NSM monitors (to notify it
 * after a reboot, as {@code rpc.statd} keeps in {@code /var/lib/nfs/sm}), or a durable SMB handle
 * (MS-SMB2 3.3.5.9.7). The store neither reads nor interprets it.
 *
 * @param kind what sort of record this is, chosen by the protocol that owns it (see {@link
 *     #checkKind}); records of different kinds never collide
 * @param key the record's identity within its kind: 1 to {@link #MAX_KEY_BYTES} opaque bytes
 * @param value its contents: up to {@link #MAX_VALUE_BYTES} opaque bytes
 */
public record StateRecord(String kind, byte[] key, byte[] value) {

    /** Longest kind, in ASCII characters. */
    public static final int MAX_KIND_CHARS = 64;
    /** Longest key: the NFSv4 opaque limit ({@code NFS4_OPAQUE_LIMIT}, RFC 7530 section 2.2). */
    public static final int MAX_KEY_BYTES = 1024;
    /** Largest value. */
    public static final int MAX_VALUE_BYTES = 65_536;

    public StateRecord {
        checkKind(kind);
        checkKey(key);
        checkValue(value);
        key = key.clone();
        value = value.clone();
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Checks a kind: 1 to {@link #MAX_KIND_CHARS} of {@code [a-z0-9._-]}, such as {@code
     * nfs4.client}.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String checkKind(String kind) {
        if (kind.isEmpty() || kind.length() > MAX_KIND_CHARS) {
            throw new IllegalArgumentException("a state record kind has 1 to " + MAX_KIND_CHARS + " characters");
        }
        for (int i = 0; i < kind.length(); i++) {
            char c = kind.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                throw new IllegalArgumentException("a state record kind is made of [a-z0-9._-]: " + kind);
            }
        }
        return kind;
    }

    /** @throws IllegalArgumentException when {@code key} is empty or longer than {@link #MAX_KEY_BYTES} */
    public static byte[] checkKey(byte[] key) {
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a state record key has 1 to " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** @throws IllegalArgumentException when {@code value} is longer than {@link #MAX_VALUE_BYTES} */
    public static byte[] checkValue(byte[] value) {
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("a state record value has at most " + MAX_VALUE_BYTES + " bytes");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateRecord r
                && kind.equals(r.kind)
                && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "StateRecord[" + kind + "/" + HexFormat.of().formatHex(key) + ", " + value.length + " bytes]";
    }
}
