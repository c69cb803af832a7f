package io.dittofs.bench.workload;

import io.dittofs.bench.driver.FsConnection;
import io.dittofs.bench.driver.FsConnection.OpenFile;
import io.dittofs.bench.workload.Workload.Fixture;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** The workloads of issue 8, in the order they run. */
public final class Workloads {
    private Workloads() {}

    public static final List<Workload> ALL = List.of(
            new SeqWrite(),
            new SeqRead(),
            new RandomRead(),
            new RandomWrite(),
            new Create(),
            new Stat(),
            new Readdir(),
            new Rename(),
            new Remove());

    public static Workload named(String name) {
        return ALL.stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + name + "; known: "
                        + ALL.stream().map(Workload::name).toList()));
    }

    /** A workload's name and description, given at construction. */
    abstract static class Named implements Workload {
        private final String name;
        private final String description;

        Named(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** Creates empty files {@code dir/PREFIX0..PREFIX(count-1)} (and {@code dir}) one by one. */
    static void makeFiles(FsConnection conn, String dir, String prefix, int count) throws IOException {
        conn.mkdir(dir);
        for (int j = 0; j < count; j++) {
            conn.create(dir + "/" + prefix + j).close();
        }
    }

    /** A client's random numbers: fixed by the seed, the workload and the client. */
    static SplittableRandom random(Fixture f, String workload, int client) {
        return new SplittableRandom(f.settings().seed() * 1_000_003L + workload.hashCode() * 131L + client);
    }

    private static boolean syncNow(Fixture f, long i) {
        int every = f.settings().fsyncEvery();
        return every > 0 && (i + 1) % every == 0;
    }

    /** Runs {@code task(i)} for i in [0, count) over the connections, 4 in flight per connection. */
    static void parallel(List<FsConnection> conns, int count, IndexedTask task) throws IOException {
        int workers = Math.min(count, conns.size() * 4);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> futures = IntStream.range(0, workers)
                    .mapToObj(w -> pool.submit(() -> {
                        FsConnection c = conns.get(w % conns.size());
                        for (int i = w; i < count; i += workers) {
                            task.run(c, i);
                        }
                        return (Void) null;
                    }))
                    .toList();
            for (Future<Void> fu : futures) {
                fu.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    @FunctionalInterface
    interface IndexedTask {
        void run(FsConnection c, int i) throws IOException;
    }

    /** Writes file {@code path} of {@code bytes} in 1 MiB requests with content of file {@code id}. */
    static void fill(FsConnection c, Data data, String path, int id, long bytes) throws IOException {
        try (OpenFile f = c.create(path)) {
            for (long b = 0; b < bytes / Data.MIB; b++) {
                f.write(b * Data.MIB, data.mib(id, b));
            }
            f.sync();
        }
    }

    /** Fixture files {@code PREFIX0..PREFIX(count-1)} in {@code dir}, made only when missing. */
    static void ensureFiles(List<FsConnection> conns, String dir, String prefix, int count) throws IOException {
        FsConnection c = conns.getFirst();
        c.mkdir(dir);
        Set<String> have = new HashSet<>(c.list(dir));
        parallel(conns, count, (conn, i) -> {
            if (!have.contains(prefix + i)) {
                conn.create(dir + "/" + prefix + i).close();
            }
        });
    }

    /** seq-write: each client writes its own file from start to end in 1 MiB WRITEs, again and again. */
    static final class SeqWrite extends Named {
        SeqWrite() {
            super("seq-write", "1 MiB WRITE, sequential, one file per client");
        }

        @Override
        public boolean movesData() {
            return true;
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) throws IOException {
            long blocks = f.settings().seqFileBytes(f.clients()) / Data.MIB;
            OpenFile file = conn.create(f.runDir() + "/c" + k);
            return new Client() {
                @Override
                public long step(long i) throws IOException {
                    file.write((i % blocks) * Data.MIB, f.data().mib(k, i % blocks));
                    if (syncNow(f, i)) {
                        file.sync();
                    }
                    return Data.MIB;
                }

                @Override
                public void finish() throws IOException {
                    file.close();
                }
            };
        }
    }

    /** seq-read: each client reads its own file (written untimed once per target) in 1 MiB READs. */
    static final class SeqRead extends Named {
        SeqRead() {
            super("seq-read", "1 MiB READ, sequential, one file per client");
        }

        @Override
        public boolean movesData() {
            return true;
        }

        static String path(Fixture f, int k) {
            return f.sharedDir() + "/seq-" + f.clients() + "-" + k;
        }

        @Override
        public void prepareShared(Fixture f, List<FsConnection> conns) throws IOException {
            long bytes = f.settings().seqFileBytes(f.clients());
            Set<String> have = new HashSet<>(conns.getFirst().list(f.sharedDir()));
            parallel(conns, f.clients(), (c, k) -> {
                String p = path(f, k);
                if (!have.contains(p.substring(p.lastIndexOf('/') + 1)) || c.size(p) != bytes) {
                    fill(c, f.data(), p, k, bytes);
                }
            });
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) throws IOException {
            long blocks = f.settings().seqFileBytes(f.clients()) / Data.MIB;
            OpenFile file = conn.open(path(f, k));
            byte[] buf = new byte[Data.MIB];
            return new Client() {
                @Override
                public long step(long i) throws IOException {
                    int n = file.read((i % blocks) * Data.MIB, buf);
                    if (n != Data.MIB) {
                        throw new IOException("short READ: " + n + " bytes at block " + (i % blocks));
                    }
                    return n;
                }

                @Override
                public void finish() throws IOException {
                    file.close();
                }
            };
        }
    }

    static String randomFile(Fixture f) {
        return f.sharedDir() + "/random-" + f.settings().randomFileBytes();
    }

    static void prepareRandomFile(Fixture f, List<FsConnection> conns) throws IOException {
        FsConnection c = conns.getFirst();
        String p = randomFile(f);
        if (!c.list(f.sharedDir()).contains(p.substring(p.lastIndexOf('/') + 1))
                || c.size(p) != f.settings().randomFileBytes()) {
            fill(c, f.data(), p, -1, f.settings().randomFileBytes());
        }
    }

    /** rand-read: 4 KiB READs at random 4 KiB-aligned offsets of one large file shared by all clients. */
    static final class RandomRead extends Named {
        RandomRead() {
            super("rand-read", "4 KiB READ, random offsets in one large file");
        }

        @Override
        public boolean movesData() {
            return true;
        }

        @Override
        public void prepareShared(Fixture f, List<FsConnection> conns) throws IOException {
            prepareRandomFile(f, conns);
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) throws IOException {
            long blocks = f.settings().randomFileBytes() / Data.SMALL;
            SplittableRandom r = random(f, name(), k);
            OpenFile file = conn.open(randomFile(f));
            byte[] buf = new byte[Data.SMALL];
            return new Client() {
                @Override
                public long step(long i) throws IOException {
                    int n = file.read(r.nextLong(blocks) * Data.SMALL, buf);
                    if (n != Data.SMALL) {
                        throw new IOException("short READ: " + n);
                    }
                    return n;
                }

                @Override
                public void finish() throws IOException {
                    file.close();
                }
            };
        }
    }

    /** rand-write: 4 KiB WRITEs at random 4 KiB-aligned offsets of the same large file. */
    static final class RandomWrite extends Named {
        RandomWrite() {
            super("rand-write", "4 KiB WRITE, random offsets in one large file");
        }

        @Override
        public boolean movesData() {
            return true;
        }

        @Override
        public void prepareShared(Fixture f, List<FsConnection> conns) throws IOException {
            prepareRandomFile(f, conns);
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) throws IOException {
            long blocks = f.settings().randomFileBytes() / Data.SMALL;
            SplittableRandom r = random(f, name(), k);
            OpenFile file = conn.open(randomFile(f));
            return new Client() {
                @Override
                public long step(long i) throws IOException {
                    long b = r.nextLong(blocks);
                    file.write(b * Data.SMALL, f.data().small(-1, b));
                    if (syncNow(f, i)) {
                        file.sync();
                    }
                    return Data.SMALL;
                }

                @Override
                public void finish() throws IOException {
                    file.close();
                }
            };
        }
    }

    /** create: create a new file, write the small-file size, close; one directory per client. */
    static final class Create extends Named {
        Create() {
            super("create", "create + write small file + close");
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) {
            String dir = f.runDir() + "/c" + k;
            byte[] content = f.data().smallFile(k, f.settings().smallFileBytes());
            return new Client() {
                @Override
                public void prepare() throws IOException {
                    conn.mkdir(dir);
                }

                @Override
                public long step(long i) throws IOException {
                    try (OpenFile file = conn.create(dir + "/f" + i)) {
                        if (content.length > 0) {
                            file.write(0, content);
                        }
                        if (f.settings().fsyncEvery() > 0) {
                            file.sync();
                        }
                    }
                    return content.length;
                }
            };
        }
    }

    /** stat: the size of a random file of a shared set, from the server (lookup + getattr). */
    static final class Stat extends Named {
        Stat() {
            super("stat", "stat a random file of a set (NFS LOOKUP+GETATTR, SMB CREATE+QUERY_INFO+CLOSE)");
        }

        static String dir(Fixture f) {
            return f.sharedDir() + "/stat-" + f.settings().files();
        }

        @Override
        public void prepareShared(Fixture f, List<FsConnection> conns) throws IOException {
            ensureFiles(conns, dir(f), "f", f.settings().files());
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) {
            SplittableRandom r = random(f, name(), k);
            String dir = dir(f);
            int files = f.settings().files();
            return i -> {
                long size = conn.size(dir + "/f" + r.nextInt(files));
                if (size != 0) {
                    throw new IOException("stat set files are empty, got size " + size);
                }
                return 0;
            };
        }
    }

    /** readdir: list a directory of the configured number of entries, start to end. */
    static final class Readdir extends Named {
        Readdir() {
            super("readdir", "list a whole directory of N entries");
        }

        static String dir(Fixture f) {
            return f.sharedDir() + "/dir-" + f.settings().dirEntries();
        }

        @Override
        public void prepareShared(Fixture f, List<FsConnection> conns) throws IOException {
            ensureFiles(conns, dir(f), "e", f.settings().dirEntries());
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) {
            String dir = dir(f);
            int expected = f.settings().dirEntries();
            return i -> {
                int n = conn.list(dir).size();
                if (n != expected) {
                    throw new IOException("readdir of " + dir + " listed " + n + " entries, not " + expected);
                }
                return 0;
            };
        }
    }

    /** rename: renames 16 files of the client's own directory back and forth. */
    static final class Rename extends Named {
        static final int FILES = 16;

        Rename() {
            super("rename", "rename a file within a directory");
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) {
            String dir = f.runDir() + "/c" + k;
            return new Client() {
                @Override
                public void prepare() throws IOException {
                    makeFiles(conn, dir, "a", FILES);
                }

                @Override
                public long step(long i) throws IOException {
                    int j = (int) (i % FILES);
                    boolean forth = (i / FILES) % 2 == 0;
                    conn.rename(dir + (forth ? "/a" : "/b") + j, dir + (forth ? "/b" : "/a") + j);
                    return 0;
                }
            };
        }
    }

    /** remove: removes files the client created untimed; the run ends when they are gone. */
    static final class Remove extends Named {
        Remove() {
            super("remove", "remove a file (set of --files split across clients)");
        }

        @Override
        public boolean finite() {
            return true;
        }

        static int perClient(Fixture f) {
            return Math.max(1, f.settings().files() / f.clients());
        }

        @Override
        public Client client(Fixture f, FsConnection conn, int k) {
            String dir = f.runDir() + "/c" + k;
            int count = perClient(f);
            return new Client() {
                @Override
                public void prepare() throws IOException {
                    makeFiles(conn, dir, "f", count);
                }

                @Override
                public long step(long i) throws IOException {
                    if (i >= count) {
                        return -1;
                    }
                    conn.remove(dir + "/f" + i);
                    return 0;
                }
            };
        }
    }
}
