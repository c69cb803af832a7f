package io.dittofs.store.metadata.rocksdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Checks the raw column families of a closed store against each other: every entry has all three
 * keys with agreeing values, counters are ahead of what they count. Returns the problems found.
 */
final class RawAudit {
    private RawAudit() {}

    record Entry(long dirId, String name, long childId, long cookie) {}

    record Result(List<String> problems, List<Entry> entries, List<Long> inodes) {}

    static Result audit(Path dir) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<Long> inodes = new ArrayList<>();
        try (Database db = Database.open(dir, RocksDbMetadataStoreTest.TEST_SETTINGS);
                ReadOptions options = new ReadOptions().setTotalOrderSeek(true)) {
            Map<String, byte[]> byName = scan(db, options, Cf.ENTRIES_BY_NAME);
            Map<String, byte[]> folded = scan(db, options, Cf.ENTRIES_BY_FOLDED_NAME);
            Map<String, byte[]> byCookie = scan(db, options, Cf.ENTRIES_BY_COOKIE);
            for (Map.Entry<String, byte[]> e : byCookie.entrySet()) {
                byte[] key = hex(e.getKey());
                long dirId = Keys.getLong(key, 0);
                long cookie = Keys.getLong(key, Keys.ID);
                long child = Keys.getLong(e.getValue(), 0);
                String name = Keys.nameAfterId(e.getValue());
                entries.add(new Entry(dirId, name, child, cookie));
                byte[] n = byName.get(hex(Keys.byName(dirId, Keys.utf8(name))));
                if (n == null || Keys.getLong(n, 0) != cookie || Keys.getLong(n, Keys.ID) != child) {
                    problems.add("by-name key missing or different for " + dirId + "/" + name);
                }
                byte[] f = folded.get(hex(Keys.byFoldedName(dirId, name, cookie)));
                if (f == null || !Arrays.equals(f, e.getValue())) {
                    problems.add("folded key missing or different for " + dirId + "/" + name);
                }
                byte[] next = db.get(Cf.META, options, Keys.nextCookie(dirId));
                if (next == null || Keys.getLong(next, 0) <= cookie) {
                    problems.add("cookie counter of " + dirId + " not above " + cookie);
                }
            }
            if (byName.size() != byCookie.size() || folded.size() != byCookie.size()) {
                problems.add("index sizes differ: by cookie " + byCookie.size() + ", by name " + byName.size()
                        + ", folded " + folded.size());
            }
            for (String key : scan(db, options, Cf.INODES).keySet()) {
                inodes.add(Keys.getLong(hex(key), 0));
            }
            byte[] count = db.get(Cf.META, options, Keys.INODE_COUNT);
            if ((count == null ? 0 : Keys.getLong(count, 0)) != inodes.size()) {
                problems.add("inode count " + (count == null ? 0 : Keys.getLong(count, 0)) + " but " + inodes.size()
                        + " inodes");
            }
            for (String key : scan(db, options, Cf.XATTRS).keySet()) {
                long owner = Keys.getLong(hex(key), 0);
                if (!inodes.contains(owner)) {
                    problems.add("extended attribute of missing inode " + owner);
                }
            }
            byte[] next = db.get(Cf.META, options, Keys.NEXT_FILE_ID);
            long nextId = next == null ? 2 : Keys.getLong(next, 0);
            for (long id : inodes) {
                if (id < CrashWorkload.FIRST_DIR && id != 1 && id >= nextId) {
                    problems.add("inode " + id + " not below the next file id " + nextId);
                }
            }
        }
        return new Result(problems, entries, inodes);
    }

    private static Map<String, byte[]> scan(Database db, ReadOptions options, Cf cf) {
        Map<String, byte[]> all = new HashMap<>();
        try (RocksIterator it = db.iterator(cf, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                all.put(hex(it.key()), it.value());
            }
        }
        return all;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
