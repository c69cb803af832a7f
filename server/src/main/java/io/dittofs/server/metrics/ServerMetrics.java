package io.dittofs.server.metrics;

import io.dittofs.runtime.adapter.AdapterStatus;
import io.dittofs.runtime.metrics.ProtocolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's metrics in a Micrometer Prometheus registry, scraped at {@code /metrics}:
 *
 * <ul>
 *   <li>{@code dittofs_requests_seconds{protocol,operation,outcome}}: count and latency of every
 *       protocol request the adapters report through {@link ProtocolMetrics}, and of API requests
 *       (protocol {@code http});
 *   <li>{@code dittofs_bytes_received_total} / {@code dittofs_bytes_sent_total{protocol}};
 *   <li>{@code dittofs_sessions{adapter}}: open client connections per adapter;
 *   <li>{@code dittofs_open_files}: files open over every protocol; {@code dittofs_shares}.
 * </ul>
 *
 * <p>Threading: {@link #request} is lock-free after the first call per (protocol, operation,
 * outcome): meters are cached in a concurrent map.
 */
public final class ServerMetrics implements ProtocolMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> bytes = new ConcurrentHashMap<>();

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

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
