package io.dittofs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dfsctl status}: what the server serves and where (no login needed). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the server's adapters and shares.")
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
        out().flush();
    }
}
