package io.dittofs.server.metrics;

import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.content.PipelineStats;
import io.dittofs.runtime.metrics.ProtocolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The server's metrics in a Micrometer Prometheus registry, scraped at {@code /metrics}:
 *
 * <ul>
 *   <li>{@code dittofs_requests_seconds{protocol,operation,outcome}}: count and latency of every
 *       protocol request the adapters report through {@link ProtocolMetrics}, and of API requests
 *       (protocol {@code http});
 *   <li>{@code dittofs_bytes_received_total} / {@code dittofs_bytes_sent_total{protocol}};
 *   <li>{@code dittofs_sessions{adapter}}: open client connections per adapter;
 *   <li>{@code dittofs_open_files}: files open over every protocol; {@code dittofs_shares};
 *   <li>{@code dittofs_pipeline_*{share}}: each share's block pipeline (see {@link #bindShare}).
 * </ul>
 *
 * <p>Threading: {@link #request} is lock-free after the first call per (protocol, operation,
 * outcome): meters are cached in a concurrent map.
 */
public final class ServerMetrics implements ProtocolMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> bytes = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> shareMeters = new ConcurrentHashMap<>();

    private record Key(String protocol, String operation, boolean ok) {}

    /** Registers the gauges that read the running server. */
    public void bind(
            Supplier<List<AdapterStatus>> adapters, ToDoubleFunction<Object> openFiles, Supplier<Integer> shares) {
        for (String name : List.of("nfs", "smb")) {
            Gauge.builder("dittofs.sessions", adapters, a -> a.get().stream()
                            .filter(s -> s.name().equals(name))
                            .mapToInt(AdapterStatus::connections)
                            .sum())
                    .description("open client connections")
                    .tag("adapter", name)
                    .register(registry);
        }
        Gauge.builder("dittofs.open.files", new Object(), openFiles)
                .description("files open over every protocol")
                .register(registry);
        Gauge.builder("dittofs.shares", shares, s -> s.get())
                .description("shares served")
                .register(registry);
    }

    @Override
    public void request(String protocol, String operation, long nanos, boolean ok, long bytesIn, long bytesOut) {
        timers.computeIfAbsent(new Key(protocol, operation, ok), k -> Timer.builder("dittofs.requests")
                        .description("requests answered, by protocol operation")
                        .tag("protocol", k.protocol())
                        .tag("operation", k.operation())
                        .tag("outcome", k.ok() ? "ok" : "error")
                        .serviceLevelObjectives(
                                Duration.ofMillis(1),
                                Duration.ofMillis(10),
                                Duration.ofMillis(100),
                                Duration.ofSeconds(1))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter[] c = bytes.computeIfAbsent(protocol, p -> new Counter[] {
            Counter.builder("dittofs.bytes.received")
                    .baseUnit("bytes")
                    .tag("protocol", p)
                    .register(registry),
            Counter.builder("dittofs.bytes.sent")
                    .baseUnit("bytes")
                    .tag("protocol", p)
                    .register(registry)
        });
        if (bytesIn > 0) {
            c[0].increment(bytesIn);
        }
        if (bytesOut > 0) {
            c[1].increment(bytesOut);
        }
    }

    /**
     * Registers a share's block pipeline meters, tagged {@code share}: levels ({@code
     * dittofs_pipeline_log_bytes}, {@code _pending_files}: the rollup backlog, {@code _cache_bytes})
     * and counters since the share opened ({@code _rollups_total}, {@code _rollup_failures_total},
     * {@code _uploaded_chunks_total}, {@code _uploaded_bytes_total}, {@code _dedup_chunks_total},
     * {@code _upload_retries_total}, {@code _upload_failures_total}, {@code _cache_hits_total},
     * {@code _cache_misses_total}, {@code _cache_evictions_total}, {@code _fetched_bytes_total},
     * {@code _gc_deleted_chunks_total}, {@code _gc_deleted_bytes_total}). A share opened again
     * replaces its meters.
     */
    public void bindShare(String share, ContentStore content) {
        unbindShare(share);
        PipelineStats s = content.stats();
        List<Meter> meters = new ArrayList<>();
        Tags tags = Tags.of("share", share);
        meters.add(gauge("log.bytes", "bytes the write log holds on the local tier", "bytes", tags, content::logBytes));
        meters.add(gauge("pending.files", "files with changes not yet rolled up", null, tags, content::pendingFiles));
        meters.add(gauge("cache.bytes", "bytes in the local chunk cache", "bytes", tags, content::cacheBytes));
        meters.add(counter("rollups", "rollups done", null, tags, s, PipelineStats::rollups));
        meters.add(counter(
                "rollup.failures",
                "rollups that failed, to be tried again",
                null,
                tags,
                s,
                PipelineStats::failedRollups));
        meters.add(counter(
                "uploaded.chunks", "chunks uploaded to the remote", null, tags, s, PipelineStats::uploadedChunks));
        meters.add(counter(
                "uploaded.bytes",
                "chunk bytes uploaded, before sealing",
                "bytes",
                tags,
                s,
                PipelineStats::uploadedBytes));
        meters.add(counter(
                "uploaded.objects",
                "objects uploaded: whole chunks and packs of small chunks",
                null,
                tags,
                s,
                PipelineStats::uploadedObjects));
        meters.add(counter(
                "uploaded.packs", "packs of small chunks uploaded", null, tags, s, PipelineStats::uploadedPacks));
        meters.add(
                counter("repacked.packs", "sparse packs rewritten by GC", null, tags, s, PipelineStats::repackedPacks));
        meters.add(
                counter("dedup.chunks", "chunks the remote already held", null, tags, s, PipelineStats::dedupChunks));
        meters.add(
                counter("upload.retries", "object uploads tried again", null, tags, s, PipelineStats::uploadRetries));
        meters.add(counter("upload.failures", "object uploads given up", null, tags, s, PipelineStats::uploadFailures));
        meters.add(counter(
                "cache.hits", "chunk reads served by the local cache", null, tags, s, PipelineStats::cacheHits));
        meters.add(counter(
                "cache.misses", "chunk reads fetched from the remote", null, tags, s, PipelineStats::cacheMisses));
        meters.add(counter(
                "cache.evictions", "chunks evicted from the disk cache", null, tags, s, PipelineStats::cacheEvictions));
        meters.add(counter(
                "fetched.bytes", "chunk bytes fetched from the remote", "bytes", tags, s, PipelineStats::fetchedBytes));
        meters.add(counter(
                "gc.deleted.chunks",
                "chunks garbage collection deleted",
                null,
                tags,
                s,
                PipelineStats::gcDeletedChunks));
        meters.add(counter(
                "gc.deleted.bytes",
                "bytes garbage collection deleted",
                "bytes",
                tags,
                s,
                PipelineStats::gcDeletedBytes));
        shareMeters.put(share, meters);
    }

    /** Removes a share's pipeline meters (the share was removed or closed). */
    public void unbindShare(String share) {
        List<Meter> old = shareMeters.remove(share);
        if (old != null) {
            old.forEach(registry::remove);
        }
    }

    private Meter gauge(String name, String help, @Nullable String unit, Tags tags, Supplier<Number> value) {
        return Gauge.builder("dittofs.pipeline." + name, value)
                .strongReference(true)
                .description(help)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    /** {@code stats} is held weakly by the registry, strongly by its share's content store. */
    private Meter counter(
            String name,
            String help,
            @Nullable String unit,
            Tags tags,
            PipelineStats stats,
            ToLongFunction<PipelineStats> value) {
        return FunctionCounter.builder("dittofs.pipeline." + name, stats, st -> value.applyAsLong(st))
                .description(help)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
