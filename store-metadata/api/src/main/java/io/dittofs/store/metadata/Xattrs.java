package io.dittofs.store.metadata;

import java.nio.charset.StandardCharsets;

/**
 * Limits and checks of extended attributes (named streams), the same for every store.
 *
 * <p>The limits are Linux's ({@code XATTR_NAME_MAX}, {@code XATTR_SIZE_MAX} in {@code
 * include/uapi/linux/limits.h}), so whatever a Linux client can set, every store can hold.
 */
public final class Xattrs {
    private Xattrs() {}

    /** Longest name, in bytes of UTF-8. */
    public static final int MAX_NAME_BYTES = 255;

    /** Largest value, in bytes: 64 KiB. */
    public static final int MAX_VALUE_BYTES = 65_536;

    /**
     * Checks a name: not empty, no NUL, at most {@link #MAX_NAME_BYTES} of UTF-8, no unpaired
     * surrogate (UTF-8 cannot hold one).
     *
     * @throws IllegalArgumentException when it is not a valid name
     */
    public static String checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an extended attribute name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("an extended attribute name must not hold NUL");
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("extended attribute name has an unpaired surrogate at " + i);
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("extended attribute name longer than " + MAX_NAME_BYTES + " bytes");
        }
        return name;
    }

    /**
     * Checks a value's size.
     *
     * @throws IllegalArgumentException when it is larger than {@link #MAX_VALUE_BYTES}
     */
    public static byte[] checkValue(byte[] value) {
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(
                    "extended attribute value of " + value.length + " bytes, more than " + MAX_VALUE_BYTES);
        }
        return value;
    }
}
