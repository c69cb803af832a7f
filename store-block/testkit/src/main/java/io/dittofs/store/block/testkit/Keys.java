package io.dittofs.store.block.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Key sets for the listing and validation tests. */
final class Keys {

    private Keys() {}

    /**
     * 250 distinct keys up to four segments deep. First segments are neighbours whose order
     * differs between "by full key" and "by directory, then name" ({@code a-c < a.b < a/.. < a0}),
     * and some keys are also the prefix of deeper keys.
     */
    static List<String> nested() {
        String[] tops = {"a", "a-c", "a.b", "a0", "B", "b_"};
        TreeSet<String> keys = new TreeSet<>();
        for (int i = 0; keys.size() < 250; i++) {
            String top = tops[i % tops.length];
            String mid = "n" + (i % 7);
            keys.add(
                    switch (i % 4) {
                        case 0 -> top + "/" + mid + "/k" + i;
                        case 1 -> top + "/k" + i;
                        case 2 -> top + "/" + mid + "/deep/k" + i;
                        default -> top + "/" + mid; // also a prefix of the keys above
                    });
        }
        return new ArrayList<>(keys); // TreeSet order is String order: UTF-8 byte order for ASCII
    }

    /** Keys that {@link io.dittofs.store.block.BlockKey} rejects, named for the test report. */
    static Stream<Named<String>> invalid() {
        return Stream.of(
                Named.of("empty", ""),
                Named.of("leading slash", "/x"),
                Named.of("trailing slash", "x/"),
                Named.of("empty segment", "x//y"),
                Named.of("dot", "."),
                Named.of("dot dot", ".."),
                Named.of("dot dot inside", "a/../b"),
                Named.of("dot dot at end", "a/.."),
                Named.of("dot inside", "a/./b"),
                Named.of("space", "a b"),
                Named.of("only a space", " "),
                Named.of("tab", "a\tb"),
                Named.of("backslash", "a\\b"),
                Named.of("colon", "a:b"),
                Named.of("non-ASCII letter", "caf\u00e9"),
                Named.of("NUL", "a\u0000b"),
                Named.of("513 characters", "k".repeat(513)));
    }

    /** Valid keys with long segments: longer than many file systems' name limit of 255 bytes. */
    static List<String> longSegments() {
        TreeSet<String> keys = new TreeSet<>();
        for (int length : new int[] {127, 128, 129, 255, 256, 257, 300}) {
            keys.add("x".repeat(length));
            keys.add("." + "y".repeat(length - 1));
            keys.add(".." + "z".repeat(length - 2));
            keys.add("long/" + "w".repeat(length) + "/leaf");
            keys.add("long/" + "w".repeat(length) + "-");
            keys.add("long/" + "w".repeat(length));
        }
        keys.add("m".repeat(512));
        keys.add("s/".repeat(255) + "sx"); // 512 characters in 256 segments
        return new ArrayList<>(keys);
    }
}
