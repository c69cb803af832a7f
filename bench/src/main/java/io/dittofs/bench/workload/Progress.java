package io.dittofs.bench.workload;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress line while a run goes: what runs, against which target, and operations so far.
 * Rewritten in place on a terminal; otherwise one line per measurement.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final boolean enabled;
    private final boolean terminal;
    private final LongAdder ops = new LongAdder();
    private final Thread ticker;
    private volatile String phase = "";
    private volatile long phaseStart = System.nanoTime();

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
        this.terminal = System.console() != null;
        this.ticker = Thread.ofPlatform().daemon().name("dfsbench-progress").unstarted(this::tick);
        if (enabled && terminal) {
            ticker.start();
        }
    }

    void phase(String text) {
        ops.reset();
        phaseStart = System.nanoTime();
        phase = text;
        if (enabled && !terminal) {
            out.println("dfsbench: " + text);
        }
    }

    void op() {
        ops.increment();
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(500);
                double s = (System.nanoTime() - phaseStart) / 1e9;
                long n = ops.sum();
                out.print(String.format(
                        Locale.ROOT, "\r\033[K%s  %.1fs  %d ops  %.0f ops/s", phase, s, n, s > 0 ? n / s : 0));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ticker.interrupt();
        if (enabled && terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
