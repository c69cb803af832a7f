package io.dittofs.server.crash;

import io.dittofs.server.crash.Tree.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one worker of one run of {@link CrashWorkload} began and acknowledged, and the trees it
 * may have left.
 *
 * @param operations every begun operation, in order: {@code op arg...}
 * @param acknowledged how many of them were acknowledged (a prefix: the workload runs them one
 *     at a time)
 */
record Journal(List<String[]> operations, int acknowledged) {

    static Journal parse(List<String> lines) {
        List<String[]> ops = new ArrayList<>();
        int acked = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("BEGIN") && f.length >= 4 && Integer.parseInt(f[1]) == ops.size()) {
                ops.add(java.util.Arrays.copyOfRange(f, 2, f.length));
            } else if (f[0].equals("ACK") && f.length == 2 && Integer.parseInt(f[1]) == acked) {
                acked++;
            }
            // Anything else is a line cut short by the kill.
        }
        return new Journal(ops, acked);
    }

    int begun() {
        return operations.size();
    }

    /**
     * The trees a run of several workers may have left, starting from {@code before}: each
     * worker's acknowledged operations applied, and each worker's one operation in flight either
     * not applied, applied, or (a create) applied with the file still empty. Workers touch
     * disjoint paths, so their operations commute and the order between workers does not matter.
     */
    static List<Map<String, Node>> candidates(Map<String, Node> before, List<Journal> workers) {
        List<Map<String, Node>> trees = List.of(before);
        for (Journal j : workers) {
            List<Map<String, Node>> next = new ArrayList<>();
            for (Map<String, Node> t : trees) {
                next.addAll(j.candidates(t));
            }
            trees = next;
        }
        return trees;
    }

    /**
     * The trees this worker may have left, starting from {@code before}: after every acknowledged
     * operation, and after the one begun but not acknowledged, if any, or partway through it.
     */
    List<Map<String, Node>> candidates(Map<String, Node> before) {
        Map<String, Node> model = new HashMap<>(before);
        for (int i = 0; i < acknowledged; i++) {
            apply(model, operations.get(i));
        }
        List<Map<String, Node>> candidates = new ArrayList<>();
        candidates.add(new HashMap<>(model));
        if (operations.size() > acknowledged) {
            String[] inFlight = operations.get(acknowledged);
            if (inFlight[0].equals("create")) {
                Map<String, Node> createdEmpty = new HashMap<>(model);
                createdEmpty.put(inFlight[1], Node.file(new byte[0]));
                candidates.add(createdEmpty);
            }
            apply(model, inFlight);
            candidates.add(model);
        }
        return candidates;
    }

    private static void apply(Map<String, Node> model, String[] op) {
        switch (op[0]) {
            case "create" -> model.put(op[1], Node.file(Tree.content(op[1], Integer.parseInt(op[2]))));
            case "mkdir" -> model.put(op[1], Node.DIRECTORY);
            case "rename" -> model.put(op[2], model.remove(op[1]));
            case "link" -> model.put(op[2], model.get(op[1]));
            case "remove" -> model.remove(op[1]);
            default -> throw new IllegalArgumentException("unknown operation " + op[0]);
        }
    }
}
