package io.dittofs.runtime.identity;

import java.util.Arrays;

/**
 * A Windows security identifier (MS-DTYP section 2.4.2): revision 1, a 48-bit identifier
 * authority and up to 15 32-bit sub-authorities. Text form {@code S-1-5-21-1-2-3-1000}.
 */
public record Sid(long authority, int[] subAuthorities) {
    public static final int MAX_SUB_AUTHORITIES = 15;

    /** S-1-1-0, "Everyone". */
    public static final Sid EVERYONE = new Sid(1, new int[] {0});

    public Sid {
        if (authority < 0 || authority >= (1L << 48)) {
            throw new IllegalArgumentException("authority out of 48 bits");
        }
        if (subAuthorities.length == 0 || subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("1 to 15 sub-authorities");
        }
        subAuthorities = subAuthorities.clone();
    }

    public static Sid parse(String text) {
        String[] parts = text.split("-");
        if (parts.length < 4 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
            throw new IllegalArgumentException("not a SID: " + text);
        }
        int[] subs = new int[parts.length - 3];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = (int) Long.parseLong(parts[i + 3]);
        }
        return new Sid(Long.parseLong(parts[2]), subs);
    }

    /** This SID with {@code rid} appended. */
    public Sid withRid(int rid) {
        int[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
        subs[subAuthorities.length] = rid;
        return new Sid(authority, subs);
    }

    /** The last sub-authority. */
    public int rid() {
        return subAuthorities[subAuthorities.length - 1];
    }

    /** Whether this SID is {@code domain} plus one more sub-authority. */
    public boolean isInDomain(Sid domain) {
        return domain.authority == authority
                && subAuthorities.length == domain.subAuthorities.length + 1
                && Arrays.equals(
                        subAuthorities,
                        0,
                        domain.subAuthorities.length,
                        domain.subAuthorities,
                        0,
                        domain.subAuthorities.length);
    }

    @Override
    public int[] subAuthorities() {
        return subAuthorities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sid s && s.authority == authority && Arrays.equals(s.subAuthorities, subAuthorities);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(authority) * 31 + Arrays.hashCode(subAuthorities);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("S-1-").append(authority);
        for (int s : subAuthorities) {
            b.append('-').append(Integer.toUnsignedString(s));
        }
        return b.toString();
    }
}
