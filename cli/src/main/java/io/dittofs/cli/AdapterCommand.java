package io.dittofs.cli;

import static io.dittofs.cli.ApiClient.segment;
import static io.dittofs.cli.UserCommand.putIf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfsctl adapter}: the NFS and SMB servers, switched and moved while the daemon runs. */
@Command(
        name = "adapter",
        mixinStandardHelpOptions = true,
        description = "Lists, enables, disables and moves the protocol adapters (nfs, smb); changes apply at once.",
        subcommands = {
            AdapterCommand.ListAdapters.class,
            AdapterCommand.Get.class,
            AdapterCommand.Enable.class,
            AdapterCommand.Disable.class,
            AdapterCommand.Update.class
        })
final class AdapterCommand {
    static final List<Output.Column> COLUMNS = List.of(
            ApiCommand.col("NAME", "name"),
            ApiCommand.col("ENABLED", "enabled"),
            ApiCommand.col("STATE", "state"),
            ApiCommand.col("PORT", "port"),
            ApiCommand.col("CONNECTIONS", "connections"),
            ApiCommand.col("ENDPOINTS", "endpoints"));

    private AdapterCommand() {}

    static final class Names extends java.util.ArrayList<String> {
        Names() {
            super(List.of("nfs", "smb"));
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "Lists adapters.")
    static final class ListAdapters extends ApiCommand {
        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/adapters"), COLUMNS);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows an adapter.")
    static final class Get extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Names.class)
        String name;

        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/adapters/" + segment(name)), COLUMNS);
        }
    }

    /** Sends a change and says where the adapter listens now. */
    abstract static class Change extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Names.class)
        String name;

        void change(ApiClient api, Map<String, Object> body) {
            JsonNode a = api.call("PATCH", "/api/v1/adapters/" + segment(name), body);
            String where = a.path("enabled").asBoolean()
                    ? "enabled, " + a.path("state").asText().toLowerCase(java.util.Locale.ROOT) + " on "
                            + Output.cell(a.path("endpoints"))
                    : "disabled";
            done("adapter " + name + " " + where, a, COLUMNS);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Starts an adapter.")
    static final class Enable extends Change {
        @Option(names = "--port", description = "Where it listens (default: as before, or the standard port).")
        @Nullable
        Integer port;

        @Override
        void run(ApiClient api) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("enabled", true);
            putIf(b, "port", port);
            change(api, b);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stops an adapter.")
    static final class Disable extends Change {
        @Override
        void run(ApiClient api) {
            change(api, Map.of("enabled", false));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Changes an adapter's settings.")
    static final class Update extends Change {
        @Option(names = "--port")
        @Nullable
        Integer port;

        @Option(names = "--portmap-port", description = "nfs: the portmapper's port, 0 for none.")
        @Nullable
        Integer portmapPort;

        @Option(names = "--signing", description = "smb: enabled or required.")
        @Nullable
        String signing;

        @Option(names = "--encryption", description = "smb: off, desired or required.")
        @Nullable
        String encryption;

        @Override
        void run(ApiClient api) {
            Map<String, Object> b = new LinkedHashMap<>();
            putIf(b, "port", port);
            putIf(b, "portmapPort", portmapPort);
            putIf(b, "signing", signing);
            putIf(b, "encryption", encryption);
            change(api, b);
        }
    }
}
