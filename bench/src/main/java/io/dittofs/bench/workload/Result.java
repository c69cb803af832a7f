package io.dittofs.bench.workload;

import org.HdrHistogram.Histogram;

/**
 * One workload at one client count against one target, over all rounds.
 *
 * @param ops measured operations (after the warm-up)
 * @param allOps every operation, warm-up included (what the server saw)
 * @param seconds measured wall time summed over the rounds
 */
public record Result(
        String workload,
        int clients,
        String target,
        long ops,
        long allOps,
        long bytes,
        double seconds,
        double p50Millis,
        double p99Millis,
        double p999Millis,
        double meanMillis) {

    static Result of(
            String workload,
            int clients,
            String target,
            long ops,
            long allOps,
            long bytes,
            double seconds,
            Histogram h) {
        return new Result(
                workload,
                clients,
                target,
                ops,
                allOps,
                bytes,
                seconds,
                millis(h.getValueAtPercentile(50)),
                millis(h.getValueAtPercentile(99)),
                millis(h.getValueAtPercentile(99.9)),
                h.getTotalCount() == 0 ? 0 : h.getMean() / 1e6);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    public double opsPerSecond() {
        return seconds <= 0 ? 0 : ops / seconds;
    }

    /** MB/s, 10^6 bytes per second. */
    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / seconds / 1e6;
    }
}
