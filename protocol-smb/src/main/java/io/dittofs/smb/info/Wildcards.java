package io.dittofs.smb.info;

import java.util.Locale;

/**
 * Search-pattern matching for QUERY_DIRECTORY (MS-FSA 2.1.4.4, without the DOS-only {@code <}, {@code >}
 * and {@code "}): {@code *} matches any run of characters, {@code ?} exactly one; case is ignored.
 */
public final class Wildcards {
    private Wildcards() {}

    public static boolean hasWildcards(String pattern) {
        return pattern.indexOf('*') >= 0
                || pattern.indexOf('?') >= 0
                || pattern.indexOf('<') >= 0
                || pattern.indexOf('>') >= 0
                || pattern.indexOf('"') >= 0;
    }

    /** Whether {@code name} matches {@code pattern}; iterative, so no pattern can blow the stack. */
    public static boolean matches(String pattern, String name) {
        String p = pattern.toUpperCase(Locale.ROOT);
        String n = name.toUpperCase(Locale.ROOT);
        if (p.equals("*") || p.equals("*.*")) {
            return true;
        }
        int pi = 0;
        int ni = 0;
        int star = -1;
        int mark = 0;
        while (ni < n.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == n.charAt(ni))) {
                pi++;
                ni++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ni;
            } else if (star >= 0) {
                pi = star + 1;
                ni = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
