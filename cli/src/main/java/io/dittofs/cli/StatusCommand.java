package io.dittofs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dfsctl status}: what the server serves and where (no login needed). */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows the server's adapters, shares and block pipelines.")
final class StatusCommand extends ApiCommand {
    @Override
    void run(ApiClient api) {
        JsonNode status = api.getPublic("/status");
        if (!output.equals("table")) {
            print(status, List.of());
            return;
        }
        print(
                status.path("adapters"),
                List.of(
                        col("ADAPTER", "name"),
                        col("STATE", "state"),
                        col("CONNECTIONS", "connections"),
                        col("ENDPOINTS", "endpoints")));
        out().println();
        out().println("SHARES");
        for (JsonNode s : status.path("shares")) {
            out().println(s.asText());
        }
        if (!status.path("pipelines").isEmpty()) {
            out().println();
            print(
                    status.path("pipelines"),
                    List.of(
                            col("PIPELINE", "share"),
                            col("LOG BYTES", "logBytes"),
                            col("PENDING FILES", "pendingFiles"),
                            col("UPLOADED CHUNKS", "uploadedChunks"),
                            col("DEDUP", "dedupChunks"),
                            col("FAILED ROLLUPS", "failedRollups"),
                            col("UPLOAD RETRIES", "uploadRetries"),
                            col("CACHE HITS", "cacheHits"),
                            col("CACHE MISSES", "cacheMisses")));
        }
        out().flush();
    }
}
