package io.dittofs.store.block;

/**
 * The rules every block key follows, so that any store (a file tree, an S3 bucket) can hold it
 * without escaping: 1 to 512 characters of {@code [A-Za-z0-9._-]} in segments separated by
 * single {@code /}, no empty segment, no {@code .} or {@code ..} segment.
 */
public final class BlockKey {
    public static final int MAX_LENGTH = 512;

    private BlockKey() {}

    /** Returns {@code key} when it is valid, otherwise throws {@link BlockStoreException} of kind INVALID_KEY. */
    public static String requireValid(String key) {
        if (!isValid(key)) {
            throw new BlockStoreException(BlockStoreException.Kind.INVALID_KEY, "invalid block key: '" + key + "'");
        }
        return key;
    }

    /** Whether {@code prefix} may start a key: like a key, but it may be empty or end with '/'. */
    public static boolean isValidPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return isValid(body);
    }

    public static boolean isValid(String key) {
        int n = key.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || key.charAt(i) == '/') {
                int len = i - segmentStart;
                if (len == 0) {
                    return false;
                }
                if (len <= 2 && key.regionMatches(segmentStart, "..", 0, len)) {
                    return false;
                }
                segmentStart = i + 1;
                continue;
            }
            if (!isKeyChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} may appear in a key segment: {@code [A-Za-z0-9._-]}. */
    public static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-';
    }
}
