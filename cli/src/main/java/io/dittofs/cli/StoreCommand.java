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

/** {@code dfsctl store}: metadata and block store definitions. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = {
            "Defines metadata stores (memory, rocksdb, postgres) and block stores (memory, filesystem).",
            "KIND is metadata or block. Secrets (--secret password=...) are sent once and never shown again."
        },
        subcommands = {
            StoreCommand.Create.class,
            StoreCommand.ListStores.class,
            StoreCommand.Get.class,
            StoreCommand.Update.class,
            StoreCommand.Delete.class
        })
final class StoreCommand {
    static final List<Output.Column> COLUMNS = List.of(
            ApiCommand.col("NAME", "name"),
            ApiCommand.col("TYPE", "type"),
            ApiCommand.col("SETTINGS", "settings"),
            ApiCommand.col("SECRETS", "secrets"),
            ApiCommand.col("USED-BY", "usedBy"));

    private StoreCommand() {}

    static final class Kinds extends java.util.ArrayList<String> {
        Kinds() {
            super(List.of("metadata", "block"));
        }
    }

    static String base(String kind) {
        if (!kind.equals("metadata") && !kind.equals("block")) {
            throw new CliException(ExitCodes.USAGE, "KIND is metadata or block, not '" + kind + "'");
        }
        return "/api/v1/stores/" + kind;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Defines a store.")
    static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class)
        String kind;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(
                names = "--type",
                required = true,
                description = "metadata: memory, rocksdb, postgres; block: memory, filesystem, s3.")
        String type;

        @Option(
                names = "--set",
                paramLabel = "KEY=VALUE",
                description = "A setting: path, url, user, schema; for s3 endpoint, region, bucket, prefix, pathStyle,"
                        + " accessKey, createBucket; sealing compression, zstdLevel, encryption, keyFile, frameSize.")
        @Nullable
        Map<String, String> settings;

        @Option(
                names = "--secret",
                paramLabel = "KEY=VALUE",
                description = "A secret: password (postgres), secretKey (s3).")
        @Nullable
        Map<String, String> secrets;

        @Override
        void run(ApiClient api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("type", type);
            putIf(body, "settings", settings);
            putIf(body, "secrets", secrets);
            JsonNode s = api.call("POST", base(kind), body);
            done(kind + " store '" + name + "' created", s, COLUMNS);
        }
    }

    @Command(
            name = "list",
            aliases = "ls",
            mixinStandardHelpOptions = true,
            description = "Lists stores of a kind (both without KIND).")
    static final class ListStores extends ApiCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", completionCandidates = Kinds.class)
        @Nullable
        String kind;

        @Override
        void run(ApiClient api) {
            if (kind != null) {
                print(api.get(base(kind)), COLUMNS);
                return;
            }
            com.fasterxml.jackson.databind.node.ArrayNode all = ApiClient.JSON.createArrayNode();
            for (String k : List.of("metadata", "block")) {
                for (JsonNode s : api.get(base(k))) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("kind", k);
                    all.add(s);
                }
            }
            List<Output.Column> cols = new java.util.ArrayList<>();
            cols.add(col("KIND", "kind"));
            cols.addAll(COLUMNS);
            print(all, cols);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows a store (secret names only).")
    static final class Get extends ApiCommand {
        @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class)
        String kind;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            print(api.get(base(kind) + "/" + segment(name)), COLUMNS);
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Changes an unused store's settings or secrets.")
    static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class)
        String kind;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting; an empty value removes it.")
        @Nullable
        Map<String, String> settings;

        @Option(names = "--secret", paramLabel = "KEY=VALUE", description = "A secret; an empty value removes it.")
        @Nullable
        Map<String, String> secrets;

        @Override
        void run(ApiClient api) {
            Map<String, Object> body = new LinkedHashMap<>();
            putIf(body, "settings", settings);
            putIf(body, "secrets", secrets);
            JsonNode s = api.call("PATCH", base(kind) + "/" + segment(name), body);
            done(kind + " store '" + name + "' updated", s, COLUMNS);
        }
    }

    @Command(
            name = "delete",
            aliases = "rm",
            mixinStandardHelpOptions = true,
            description = "Deletes a store no share uses.")
    static final class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class)
        String kind;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            api.call("DELETE", base(kind) + "/" + segment(name), null);
            out().println(kind + " store '" + name + "' deleted");
        }
    }
}
