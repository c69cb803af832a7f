package io.dittofs.server.crash;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.FileType;
import io.dittofs.runtime.fs.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A share's tree as paths → what is there, read through the runtime, and the workload's content. */
final class Tree {
    private Tree() {}

    /** A directory, or a file with a digest of its content. */
    record Node(boolean directory, int length, int digest) {
        static final Node DIRECTORY = new Node(true, 0, 0);

        static Node file(byte[] content) {
            return new Node(false, content.length, Arrays.hashCode(content));
        }
    }

    /** What the workload writes into a file it creates at {@code path}. */
    static byte[] content(String path, int length) {
        byte[] seed = (path + "|").getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = seed[i % seed.length];
        }
        return b;
    }

    /** Every path of the share ("" is the root). */
    static Map<String, Node> read(FileSystem fs) {
        Map<String, Node> tree = new TreeMap<>();
        tree.put("", Node.DIRECTORY);
        ArrayDeque<Map.Entry<String, NodeId>> pending = new ArrayDeque<>();
        pending.add(Map.entry("", fs.root()));
        while (!pending.isEmpty()) {
            var dir = pending.poll();
            long cookie = 0;
            long verifier = 0;
            while (true) {
                var listing = fs.readDirectory(CrashWorkload.ROOT, dir.getValue(), cookie, verifier, 1000, true);
                for (var e : listing.entries()) {
                    String path = dir.getKey() + "/" + e.name();
                    Attributes a = java.util.Objects.requireNonNull(e.attributes());
                    if (a.type() == FileType.DIRECTORY) {
                        tree.put(path, Node.DIRECTORY);
                        pending.add(Map.entry(path, a.id()));
                    } else {
                        ByteBuffer data = fs.read(CrashWorkload.ROOT, a.id(), 0, (int) a.size())
                                .data();
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        tree.put(path, Node.file(bytes));
                    }
                    cookie = e.cookie();
                }
                verifier = listing.verifier();
                if (listing.eof()) {
                    break;
                }
            }
        }
        return tree;
    }
}
