package io.dittofs.server.crash;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentSettings;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.filesystem.FilesystemBlockStore;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.postgres.PostgresMetadataStore;
import io.dittofs.store.metadata.postgres.PostgresSettings;
import io.dittofs.store.metadata.rocksdb.RocksDbMetadataStore;
import io.dittofs.store.metadata.rocksdb.RocksDbSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child process of {@link RuntimeCrashTest}: a metadata-heavy workload through {@link
 * FileSystem} (create + FILE_SYNC write, mkdir, rename, link, remove, in many directories) run by
 * several concurrent workers until the process is killed. Each worker owns the files it works on
 * (names carry the run, the worker and a sequence number; files found at start are dealt out by
 * index), so workers never race for one name, but they share every directory, the stores, their
 * locks and their group commits. Before each operation a worker appends {@code BEGIN <seq> <op>
 * <args>} to its own journal, and once the operation returned (so is acknowledged as stable)
 * {@code ACK <seq>}; each line is fsynced before the worker goes on. A directory becomes usable
 * by the other workers only once its mkdir is acknowledged.
 *
 * <p>Arguments: {@code rocksdb <dir> | postgres <jdbcUrl> <schema>}, then the blocks folder, the
 * local tier folder, the journal prefix (worker {@code w} writes {@code <prefix>-w}), the seed, the run number, the
 * number of workers.
 */
public final class CrashWorkload {
    static final String SHARE = "crash";
    static final int BLOCK_SIZE = 4096;
    static final AuthContext ROOT = AuthContext.internal(Principal.ROOT);

    private final FileSystem fs;
    private final FileChannel journal;
    private final Random random;
    private final String run;
    /** Shared by every worker: directories whose mkdir was acknowledged. */
    private final List<String> dirs;

    private final List<String> files = new ArrayList<>();
    private int seq;

    private CrashWorkload(FileSystem fs, FileChannel journal, Random random, String run, List<String> dirs) {
        this.fs = fs;
        this.journal = journal;
        this.random = random;
        this.run = run;
        this.dirs = dirs;
    }

    public static void main(String[] args) throws Exception {
        int i = 0;
        String kind = args[i++];
        MetadataStore meta = kind.equals("rocksdb")
                ? RocksDbMetadataStore.open(Path.of(args[i++]), RocksDbSettings.defaults())
                : PostgresMetadataStore.open(PostgresSettings.of(args[i++], "postgres", "", args[i++]));
        BlockStore blocks = new FilesystemBlockStore(Path.of(args[i++]));
        Path local = Path.of(args[i++]);
        String journalPrefix = args[i++];
        long seed = Long.parseLong(args[i++]);
        String run = args[i++];
        int workers = Integer.parseInt(args[i]);
        FileSystem fs = open(meta, blocks, local);
        List<String> dirs = new CopyOnWriteArrayList<>();
        List<String> existingFiles = setUp(fs, dirs);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            FileChannel journal = FileChannel.open(
                    Path.of(journalPrefix + "-" + w),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            CrashWorkload worker = new CrashWorkload(fs, journal, new Random(seed * 31 + w), run + "-" + w, dirs);
            for (int f = w; f < existingFiles.size(); f += workers) {
                worker.files.add(existingFiles.get(f));
            }
            threads.add(Thread.ofPlatform().unstarted(worker::loop));
        }
        threads.forEach(Thread::start);
        System.out.println("READY");
        System.out.flush();
        for (Thread t : threads) {
            t.join(); // never returns: the parent kills us
        }
    }

    private void loop() {
        try {
            while (true) {
                step();
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(2); // the parent sees a dead child and fails with our stderr
        }
    }

    /**
     * The share as the child runs it: rollups start as soon as the background pass sees a change
     * (every 200 ms), so kills land in rollups and uploads as well as in namespace operations.
     */
    static FileSystem open(MetadataStore meta, BlockStore blocks, Path local) {
        return Shares.open(
                        SHARE,
                        ShareOptions.DEFAULTS,
                        meta,
                        blocks,
                        ContentSettings.DEFAULTS.withLocalDir(local).withRollup(Duration.ZERO, 1 << 20),
                        Clock.systemUTC())
                .fileSystem();
    }

    /**
     * Learns the tree as it is (after earlier runs), makes sure the top directories exist, and
     * returns the files found, in path order.
     */
    private static List<String> setUp(FileSystem fs, List<String> dirs) {
        Map<String, Tree.Node> tree = Tree.read(fs);
        List<String> files = new ArrayList<>();
        tree.forEach((path, node) -> (node.directory() ? dirs : files).add(path));
        dirs.remove("");
        for (int d = 0; d < 16; d++) {
            String path = "/d" + d;
            if (!tree.containsKey(path)) {
                fs.createDirectory(ROOT, fs.root(), path.substring(1), SetAttributes.mode(0755));
                dirs.add(path);
            }
        }
        return files;
    }

    private void step() throws IOException {
        int p = random.nextInt(100);
        if (p < 40 || files.isEmpty()) {
            String path = randomDir() + "/f-" + run + "-" + seq;
            int length = 1 + random.nextInt(3 * BLOCK_SIZE);
            begin("create", path, Integer.toString(length));
            NodeId id = fs.createFile(
                            ROOT, resolve(parent(path)), name(path), SetAttributes.mode(0644), CreateMode.GUARDED)
                    .created()
                    .id();
            fs.write(ROOT, id, 0, ByteBuffer.wrap(Tree.content(path, length)), Stability.FILE_SYNC);
            files.add(path);
        } else if (p < 48 && dirs.size() < 200) {
            String path = randomDir() + "/d-" + run + "-" + seq;
            begin("mkdir", path);
            fs.createDirectory(ROOT, resolve(parent(path)), name(path), SetAttributes.mode(0755));
            journal("ACK " + seq++);
            dirs.add(path); // acknowledged: now the other workers may use it
            return;
        } else if (p < 68) {
            String from = files.remove(random.nextInt(files.size()));
            String to = randomDir() + "/r-" + run + "-" + seq;
            begin("rename", from, to);
            fs.rename(ROOT, resolve(parent(from)), name(from), resolve(parent(to)), name(to));
            files.add(to);
        } else if (p < 80) {
            String existing = files.get(random.nextInt(files.size()));
            String path = randomDir() + "/l-" + run + "-" + seq;
            begin("link", existing, path);
            fs.link(ROOT, resolve(existing), resolve(parent(path)), name(path));
            files.add(path);
        } else {
            String path = files.remove(random.nextInt(files.size()));
            begin("remove", path);
            fs.remove(ROOT, resolve(parent(path)), name(path));
        }
        journal("ACK " + seq);
        seq++;
    }

    private String randomDir() {
        // Directories are never removed, so any of them is still there.
        return dirs.get(random.nextInt(dirs.size()));
    }

    private NodeId resolve(String path) {
        NodeId at = fs.root();
        if (path.isEmpty()) {
            return at;
        }
        for (String part : path.substring(1).split("/")) {
            at = fs.lookup(ROOT, at, part).id();
        }
        return at;
    }

    static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void begin(String op, String... args) throws IOException {
        journal("BEGIN " + seq + " " + op + " " + String.join(" ", args));
    }

    private void journal(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            journal.write(b);
        }
        journal.force(false);
    }
}
