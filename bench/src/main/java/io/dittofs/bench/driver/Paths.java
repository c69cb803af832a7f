package io.dittofs.bench.driver;

/** '/'-separated relative paths. */
final class Paths {
    private Paths() {}

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
