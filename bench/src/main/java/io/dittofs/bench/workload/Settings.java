package io.dittofs.bench.workload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run does besides its workloads and client counts.
 *
 * @param seqBytes the sequential workloads' data set, split evenly across the clients
 * @param randomFileBytes the file the 4 KiB random workloads address
 * @param smallFileBytes bytes per file of the create workload
 * @param files files in the stat set, and files removed per run (split across clients)
 * @param dirEntries entries in the readdir directory
 * @param fsyncEvery COMMIT (NFS) / FLUSH (SMB) after this many writes per client, 0 for never
 * @param depth workers per connection: requests each connection keeps in flight
 */
public record Settings(
        long seqBytes,
        long randomFileBytes,
        int smallFileBytes,
        int files,
        int dirEntries,
        int fsyncEvery,
        int depth,
        long seed,
        Duration warmup,
        Duration duration,
        int rounds,
        String rootDir) {
    public Settings {
        if (seqBytes < Data.MIB || randomFileBytes < Data.MIB) {
            throw new IllegalArgumentException("sizes must be at least 1 MiB");
        }
        if (smallFileBytes < 0 || files < 1 || dirEntries < 1 || fsyncEvery < 0 || depth < 1 || rounds < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
    }

    /** The settings as JSON-friendly values, for the report. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seqBytes", seqBytes);
        m.put("randomFileBytes", randomFileBytes);
        m.put("smallFileBytes", smallFileBytes);
        m.put("files", files);
        m.put("dirEntries", dirEntries);
        m.put("fsyncEvery", fsyncEvery);
        m.put("depth", depth);
        m.put("seed", seed);
        m.put("warmupSeconds", warmup.toMillis() / 1000.0);
        m.put("durationSeconds", duration.toMillis() / 1000.0);
        m.put("rounds", rounds);
        m.put("rootDir", rootDir);
        return m;
    }

    /** Bytes of each client's sequential file, whole MiB. */
    public long seqFileBytes(int clients) {
        return Math.max(1, seqBytes / Data.MIB / clients) * Data.MIB;
    }
}
