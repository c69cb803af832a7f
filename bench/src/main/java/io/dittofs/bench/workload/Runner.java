package io.dittofs.bench.workload;

import io.dittofs.bench.driver.FsConnection;
import io.dittofs.bench.driver.Target;
import io.dittofs.bench.workload.Workload.Client;
import io.dittofs.bench.workload.Workload.Fixture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * Runs workloads against targets: for each workload and client count, {@code rounds} rounds,
 * each round measuring every target once, in alternating order (A B, then B A) so drift of the
 * machine's load falls on both alike. Connections are opened once per target and reused: each
 * client is a thread, {@link Settings#depth()} clients share a connection.
 */
public final class Runner implements AutoCloseable {
    private final List<Target> targets;
    private final Settings settings;
    private final Data data;
    private final Progress progress;
    private final Map<Target, List<FsConnection>> pools = new HashMap<>();

    public Runner(List<Target> targets, Settings settings, Progress progress) {
        this.targets = List.copyOf(targets);
        this.settings = settings;
        this.progress = progress;
        this.data = new Data(settings.seed());
    }

    public List<Result> run(List<Workload> workloads, List<Integer> clientCounts) throws IOException {
        List<Result> results = new ArrayList<>();
        for (Workload w : workloads) {
            for (int clients : clientCounts) {
                Map<Target, Sample> sums = new LinkedHashMap<>();
                for (Target t : targets) {
                    sums.put(t, new Sample());
                }
                for (int round = 0; round < settings.rounds(); round++) {
                    List<Target> order = new ArrayList<>(targets);
                    if (round % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (Target t : order) {
                        progress.phase(String.format(
                                "%s c=%d round %d/%d %s", w.name(), clients, round + 1, settings.rounds(), t));
                        sums.get(t).add(measure(t, w, clients, round));
                    }
                }
                sums.forEach((t, s) -> results.add(
                        Result.of(w.name(), clients, t.label(), s.ops, s.allOps, s.bytes, s.seconds, s.hist)));
            }
        }
        return results;
    }

    /**
     * The directory of one measurement: its own per workload, client count, round and target, so
     * two targets that are the same server (two protocols) never share one.
     */
    public static String runDir(Settings s, Workload w, int clients, int round, int target) {
        return s.rootDir() + "/" + w.name() + "-c" + clients + "-r" + round + "-t" + target;
    }

    /** The directory of fixtures reused by every run against a target. */
    public static String sharedDir(Settings s) {
        return s.rootDir() + "/shared";
    }

    private List<FsConnection> connections(Target t, int n) throws IOException {
        List<FsConnection> pool = pools.computeIfAbsent(t, x -> new ArrayList<>());
        while (pool.size() < n) {
            pool.add(FsConnection.open(t));
        }
        return pool.subList(0, n);
    }

    private static final class Sample {
        long ops;
        long allOps;
        long bytes;
        double seconds;
        final Histogram hist = new Histogram(3);

        void add(Sample s) {
            ops += s.ops;
            allOps += s.allOps;
            bytes += s.bytes;
            seconds += s.seconds;
            hist.add(s.hist);
        }
    }

    /** One measurement: prepare (untimed), warm up, measure for the duration or until done. */
    private Sample measure(Target t, Workload w, int clients, int round) throws IOException {
        List<FsConnection> conns = connections(t, (clients + settings.depth() - 1) / settings.depth());
        FsConnection first = conns.getFirst();
        String root = settings.rootDir();
        first.mkdir(root);
        first.mkdir(sharedDir(settings));
        String runDir = runDir(settings, w, clients, round, targets.indexOf(t));
        first.mkdir(runDir);
        Fixture f = new Fixture(runDir, sharedDir(settings), clients, settings, data);
        w.prepareShared(f, conns);

        List<Client> cs = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            cs.add(w.client(f, conns.get(k % conns.size()), k));
        }
        forEach(cs, Client::prepare);

        boolean finite = w.finite();
        long start = System.nanoTime();
        long measureFrom = finite ? start : start + settings.warmup().toNanos();
        long end = measureFrom + settings.duration().toNanos();
        AtomicBoolean failed = new AtomicBoolean();
        List<Sample> perClient = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            perClient.add(new Sample());
        }
        long[] lastEnd = new long[clients];
        try {
            forEachIndexed(clients, k -> {
                Client c = cs.get(k);
                Sample s = perClient.get(k);
                for (long i = 0; !failed.get(); i++) {
                    long a = System.nanoTime();
                    if (a >= end) {
                        break;
                    }
                    long bytes;
                    try {
                        bytes = c.step(i);
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                    if (bytes < 0) {
                        break;
                    }
                    long z = System.nanoTime();
                    s.allOps++;
                    progress.op();
                    if (a >= measureFrom) {
                        s.ops++;
                        s.bytes += bytes;
                        s.hist.recordValue(z - a);
                        lastEnd[k] = z;
                    }
                }
            });
        } catch (IOException e) {
            throw new IOException(w.name() + " with " + clients + " clients against " + t + ": " + e.getMessage(), e);
        } finally {
            forEach(cs, Client::finish);
        }
        Sample total = new Sample();
        long last = measureFrom;
        for (int k = 0; k < clients; k++) {
            total.add(perClient.get(k));
            last = Math.max(last, lastEnd[k]);
        }
        total.seconds = (last - measureFrom) / 1e9;
        return total;
    }

    @FunctionalInterface
    private interface ClientTask {
        void run(Client c) throws IOException;
    }

    @FunctionalInterface
    private interface IndexTask {
        void run(int k) throws IOException;
    }

    private static void forEach(List<Client> cs, ClientTask task) throws IOException {
        forEachIndexed(cs.size(), k -> task.run(cs.get(k)));
    }

    /** Runs {@code task(k)} for every client on its own (virtual) thread; the first failure wins. */
    private static void forEachIndexed(int n, IndexTask task) throws IOException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int kk = k;
                fs.add(pool.submit(() -> {
                    task.run(kk);
                    return null;
                }));
            }
            IOException first = null;
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof IOException io
                                ? io
                                : new IOException(e.getCause().toString(), e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        pools.values()
                .forEach(pool -> pool.forEach(c -> {
                    try {
                        c.close();
                    } catch (IOException | RuntimeException e) {
                        // closing at exit: nothing left to do with the error
                    }
                }));
    }
}
