package io.dittofs.store.metadata.rocksdb;

import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link RocksDbCrashTest}: threads that each own two directories and create,
 * move and remove files in them with SYNC writes until the process is killed. Before each write a
 * thread prints {@code BEGIN t op name}, after it returns {@code ACK t op name}; the parent replays
 * the acknowledged operations to know what must have survived.
 *
 * <p>Thread {@code t} owns directories {@code dirA(t)} and {@code dirB(t)}; names are {@code
 * "f" + n}. Operations: {@code create} (in A), {@code move} (from wherever it is to the other
 * directory), {@code remove}.
 */
public final class CrashWorkload {
    private CrashWorkload() {}

    static final int THREADS = 4;

    /** Directory ids far above what the test allocates, so allocated ids never collide. */
    static final long FIRST_DIR = 1L << 40;

    static long dirA(int t) {
        return FIRST_DIR + 2L * t;
    }

    static long dirB(int t) {
        return FIRST_DIR + 1 + 2L * t;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        RocksDbMetadataStore store = RocksDbMetadataStore.open(dir, RocksDbMetadataStoreTest.TEST_SETTINGS);
        store.write(Durability.SYNC, w -> {
            if (w.inode(MetadataStore.ROOT_ID).isEmpty()) {
                w.putInode(directory(MetadataStore.ROOT_ID));
                for (int t = 0; t < THREADS; t++) {
                    w.putInode(directory(dirA(t)));
                    w.putInode(directory(dirB(t)));
                }
            }
            return null;
        });
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            threads[t] = Thread.ofPlatform().start(() -> run(store, index, new Random(seed * 31 + index), out));
        }
        for (Thread t : threads) {
            t.join(); // never returns: the parent kills us
        }
    }

    private static void run(RocksDbMetadataStore store, int t, Random random, PrintStream out) {
        for (int n = 0; ; n++) {
            String name = "f" + random.nextInt(20);
            String op =
                    switch (random.nextInt(3)) {
                        case 0 -> "create";
                        case 1 -> "move";
                        default -> "remove";
                    };
            log(out, "BEGIN", t, op, name);
            // DEFERRED now and then: it becomes durable with the next SYNC write of any thread.
            Durability durability = n % 5 == 4 ? Durability.DEFERRED : Durability.SYNC;
            store.write(durability, w -> apply(w, t, op, name));
            log(out, durability == Durability.SYNC ? "ACK" : "DONE", t, op, name);
        }
    }

    /** Applies one operation; a no-op when it does not apply (create of an existing name, ...). */
    static Void apply(MetadataWriter w, int t, String op, String name) {
        DirEntry inA = w.entry(dirA(t), name).orElse(null);
        DirEntry inB = w.entry(dirB(t), name).orElse(null);
        DirEntry found = inA != null ? inA : inB;
        switch (op) {
            case "create" -> {
                if (found == null) {
                    long id = w.allocateFileId();
                    w.putInode(Inode.builder(id, 1, FileType.REGULAR).nlink(1).build());
                    w.putEntry(dirA(t), name, id);
                    // Removed with the inode: RawAudit finds any that outlive it.
                    w.putXattr(id, "user.name", name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            case "move" -> {
                if (found != null) {
                    w.removeEntry(found.dirId(), name);
                    w.putEntry(found.dirId() == dirA(t) ? dirB(t) : dirA(t), name, found.childId());
                }
            }
            case "remove" -> {
                if (found != null) {
                    w.removeEntry(found.dirId(), name);
                    w.deleteInode(found.childId());
                }
            }
            default -> throw new IllegalArgumentException(op);
        }
        return null;
    }

    private static Inode directory(long id) {
        return Inode.builder(id, 1, FileType.DIRECTORY)
                .mode(0755)
                .nlink(2)
                .parentId(MetadataStore.ROOT_ID)
                .build();
    }

    private static void log(PrintStream out, String what, int t, String op, String name) {
        synchronized (out) {
            out.println(what + " " + t + " " + op + " " + name);
            out.flush();
        }
    }
}
