package io.dittofs.store.block;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A flat store of immutable-per-put byte objects, addressed by {@link BlockKey keys}.
 *
 * <p>Contract, checked by the conformance suite:
 *
 * <ul>
 *   <li>{@link #put} replaces atomically: a concurrent reader sees the old object or the new one
 *       whole, never a mix or a prefix. When {@code put} returns, the object is durable (it
 *       survives a crash of this process and, where the medium allows, of the machine).
 *   <li>{@link #get(String, long, int)} is a ranged read: it returns at most {@code length}
 *       bytes from {@code offset}, fewer at the end of the object, none past it.
 *   <li>{@link #list} returns keys in ascending lexicographic (UTF-8 byte) order.
 *   <li>The namespace is flat: {@code a}, {@code a/b} and {@code a/b/c} may all exist at once,
 *       and keys that differ only in case are different keys.
 *   <li>Every method that takes a key throws {@link BlockStoreException} of kind {@link
 *       BlockStoreException.Kind#INVALID_KEY INVALID_KEY} when the key is not {@link
 *       BlockKey#isValid valid}, before it has any effect.
 *   <li>Buffer ownership: {@code put} reads the caller's buffer but leaves its position, limit
 *       and mark unchanged and keeps no reference to it, so the caller may reuse the buffer as
 *       soon as {@code put} returns. Every buffer a {@code get} returns is read-only, positioned
 *       at zero with its limit at the number of bytes, and never changes afterwards (a later
 *       {@code put} or {@code delete} of the same key does not affect it).
 *   <li>Every method is safe to call from many threads at once.
 *   <li>Failures are {@link BlockStoreException}s whose {@link BlockStoreException.Kind kind}
 *       says whether retrying may help.
 * </ul>
 */
public interface BlockStore extends AutoCloseable {

    /**
     * Stores {@code data} (from its position to its limit) under {@code key}, replacing any old
     * object. The caller's buffer is left as it was (position, limit and mark unchanged) and is not
     * referenced once this method returns.
     */
    void put(String key, ByteBuffer data);

    /** The whole object as a read-only buffer, or empty when there is none. */
    Optional<ByteBuffer> get(String key);

    /**
     * Up to {@code length} bytes of the object starting at {@code offset}, as a read-only buffer;
     * an empty buffer when {@code offset} is at or past its end; empty when there is no object.
     *
     * @throws IllegalArgumentException when {@code offset} or {@code length} is negative
     */
    Optional<ByteBuffer> get(String key, long offset, int length);

    /** Size of the object, or empty when there is none. */
    Optional<BlockInfo> stat(String key);

    /** Removes the object; {@code true} when there was one. */
    boolean delete(String key);

    /**
     * Keys that start with {@code prefix}, in ascending order, strictly after {@code startAfter}
     * when it is given, at most {@code limit} of them.
     *
     * <p>{@code prefix} is a plain string prefix, not a directory: {@code "a/b"} matches {@code
     * a/b}, {@code a/b/c} and {@code a/bc}. {@code startAfter} need not be an existing key.
     *
     * @throws BlockStoreException of kind INVALID_KEY when {@code prefix} is not {@link
     *     BlockKey#isValidPrefix a valid prefix}
     * @throws IllegalArgumentException when {@code limit} is less than 1
     */
    KeyPage list(String prefix, @Nullable String startAfter, int limit);

    /** Space as the store sees it, for file-system statistics. */
    Capacity capacity();

    @Override
    void close();
}
