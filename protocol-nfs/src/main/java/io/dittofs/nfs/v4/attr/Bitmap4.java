package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.util.Arrays;

/**
 * bitmap4 (RFC 7530 section 3.2): attribute n is bit {@code n % 32} of word {@code n / 32}.
 * Decoding accepts at most {@value #MAX_WORDS} words, more than any defined attribute needs.
 */
public record Bitmap4(int[] words) {
    public static final int MAX_WORDS = 8;
    public static final Bitmap4 EMPTY = new Bitmap4(new int[0]);

    public Bitmap4 {
        words = words.clone();
    }

    public static Bitmap4 of(int... attributes) {
        int[] w = new int[0];
        for (int a : attributes) {
            if (a / 32 >= w.length) {
                w = Arrays.copyOf(w, a / 32 + 1);
            }
            w[a / 32] |= 1 << (a % 32);
        }
        return new Bitmap4(w);
    }

    public static Bitmap4 decode(XdrReader in) {
        int n = in.readArrayLength(MAX_WORDS);
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = in.readInt();
        }
        return new Bitmap4(w);
    }

    public void encode(XdrWriter out) {
        out.writeInt(words.length);
        for (int w : words) {
            out.writeInt(w);
        }
    }

    public boolean isSet(int attribute) {
        int word = attribute / 32;
        return word < words.length && (words[word] & (1 << (attribute % 32))) != 0;
    }

    /** The highest attribute number that could be set, plus one. */
    public int limit() {
        return words.length * 32;
    }

    public Bitmap4 and(Bitmap4 other) {
        int n = Math.min(words.length, other.words.length);
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = words[i] & other.words[i];
        }
        return new Bitmap4(trim(w));
    }

    /** Whether every bit set here is also set in {@code other}. */
    public boolean isSubsetOf(Bitmap4 other) {
        for (int i = 0; i < words.length; i++) {
            int o = i < other.words.length ? other.words[i] : 0;
            if ((words[i] & ~o) != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return Arrays.stream(words).allMatch(w -> w == 0);
    }

    private static int[] trim(int[] w) {
        int n = w.length;
        while (n > 0 && w[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(w, n);
    }

    @Override
    public int[] words() {
        return words.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitmap4 b && Arrays.equals(trim(b.words), trim(words));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trim(words));
    }

    @Override
    public String toString() {
        return "Bitmap4" + Arrays.toString(words);
    }
}
