package io.dittofs.it.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SequencedSet;

/**
 * The module dependency graph of one kernel, read from its {@code modules.dep}: what {@code
 * modprobe} would load, in order, without needing {@code modprobe} in the initramfs.
 */
final class ModuleIndex {

    /** Module name (dashes as underscores, no {@code .ko*} suffix) to its path and dependencies. */
    private final Map<String, Entry> entries;

    private record Entry(String path, List<String> dependencyPaths) {}

    private ModuleIndex(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static ModuleIndex read(Path modulesDep) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        for (String line : Files.readAllLines(modulesDep)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String path = line.substring(0, colon).trim();
            String rest = line.substring(colon + 1).trim();
            List<String> dependencies = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            entries.put(moduleName(path), new Entry(path, dependencies));
        }
        return new ModuleIndex(entries);
    }

    /** {@code kernel/fs/9p/9p.ko} and {@code .../9p.ko.xz} are both module {@code 9p}. */
    static String moduleName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int ko = file.indexOf(".ko");
        return (ko < 0 ? file : file.substring(0, ko)).replace('-', '_');
    }

    boolean contains(String module) {
        return entries.containsKey(module.replace('-', '_'));
    }

    /**
     * Paths (relative to the module directory) of the given modules and everything they depend
     * on, each dependency before its users, each module once.
     */
    List<String> loadOrder(List<String> modules) {
        SequencedSet<String> order = new LinkedHashSet<>();
        for (String module : modules) {
            Entry entry = entries.get(module.replace('-', '_'));
            if (entry == null) {
                throw new NoSuchElementException("module " + module + " is not in modules.dep");
            }
            add(entry.path(), order);
        }
        return new ArrayList<>(order);
    }

    private void add(String path, SequencedSet<String> order) {
        if (order.contains(path)) {
            return;
        }
        Entry entry = entries.get(moduleName(path));
        if (entry != null) {
            for (String dependency : entry.dependencyPaths()) {
                add(dependency, order);
            }
        }
        order.add(path);
    }
}
