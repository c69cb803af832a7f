package io.dittofs.store.metadata.postgres;

/** What PostgreSQL text can hold. */
final class Names {
    private Names() {}

    /**
     * Returns {@code s} when PostgreSQL can store it as UTF-8 text.
     *
     * @throws IllegalArgumentException for a NUL character or an unpaired surrogate
     */
    static String check(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("name has a NUL character at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("name has an unpaired surrogate at index " + i);
            }
        }
        return s;
    }
}
