package io.dittofs.store.metadata;

/**
 * The case folding behind case-insensitive lookups (SMB). Every store indexes names by this
 * function, so it must never change for existing data.
 *
 * <p>It maps each code point to its simple uppercase form ({@link Character#toUpperCase(int)}),
 * which, like Windows' upcase table, never changes how many code points a name has ("ß" stays "ß").
 */
public final class NameFolding {
    private NameFolding() {}

    public static String fold(String name) {
        StringBuilder folded = null;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int upper = Character.toUpperCase(cp);
            if (upper != cp && folded == null) {
                folded = new StringBuilder(name.length());
                folded.append(name, 0, i);
            }
            if (folded != null) {
                folded.appendCodePoint(upper);
            }
            i += Character.charCount(cp);
        }
        return folded == null ? name : folded.toString();
    }
}
