package io.dittofs.cli;

import static io.dittofs.cli.ApiClient.segment;
import static io.dittofs.cli.UserCommand.putIf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfsctl share}: shares, created and changed while the server runs. */
@Command(
        name = "share",
        mixinStandardHelpOptions = true,
        description = "Creates, lists, shows, changes and deletes shares; changes apply at once.",
        subcommands = {
            ShareCommand.Create.class,
            ShareCommand.ListShares.class,
            ShareCommand.Get.class,
            ShareCommand.Update.class,
            ShareCommand.Delete.class
        })
final class ShareCommand {
    static final List<Output.Column> COLUMNS = List.of(
            ApiCommand.col("NAME", "name"),
            ApiCommand.col("METADATA", "metadataStore"),
            ApiCommand.col("BLOCKS", "blockStore"),
            ApiCommand.col("READ-ONLY", "readOnly"),
            ApiCommand.col("SQUASH", "squash"),
            ApiCommand.col("PROTOCOLS", "protocols"),
            ApiCommand.col("NETWORKS", "allowedNetworks"),
            ApiCommand.col("OPEN", "openFiles"));

    private ShareCommand() {}

    /** The options create and update share. */
    abstract static class Options extends ApiCommand {
        @Option(names = "--read-only", negatable = true, description = "Refuse every change (--no-read-only to undo).")
        @Nullable
        Boolean readOnly;

        @Option(names = "--squash", description = "none, root or all.")
        @Nullable
        String squash;

        @Option(names = "--anon-uid")
        @Nullable
        Integer anonUid;

        @Option(names = "--anon-gid")
        @Nullable
        Integer anonGid;

        @Option(names = "--allow", split = ",", paramLabel = "CIDR", description = "Networks allowed (default: all).")
        @Nullable
        List<String> allowedNetworks;

        @Option(names = "--secure", negatable = true, description = "NFS clients must use a port below 1024.")
        @Nullable
        Boolean secure;

        @Option(names = "--guest", negatable = true, description = "SMB clients without an account may connect.")
        @Nullable
        Boolean guest;

        @Option(names = "--protocols", split = ",", paramLabel = "PROTOCOL", description = "nfs and/or smb.")
        @Nullable
        List<String> protocols;

        @Option(
                names = "--permission",
                paramLabel = "user:NAME=ACCESS|group:NAME=ACCESS",
                description = "Per-user or per-group access (read, write, none); replaces the list.")
        @Nullable
        List<String> permissions;

        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            putIf(b, "readOnly", readOnly);
            putIf(b, "squash", squash);
            putIf(b, "anonUid", anonUid);
            putIf(b, "anonGid", anonGid);
            putIf(b, "allowedNetworks", allowedNetworks);
            putIf(b, "secure", secure);
            putIf(b, "guest", guest);
            putIf(b, "protocols", protocols);
            if (permissions != null) {
                List<Map<String, String>> ps = new ArrayList<>();
                for (String p : permissions) {
                    String[] kv = p.split("=", 2);
                    String[] who = kv[0].split(":", 2);
                    if (kv.length != 2 || who.length != 2 || !(who[0].equals("user") || who[0].equals("group"))) {
                        throw new CliException(
                                ExitCodes.USAGE,
                                "--permission '" + p + "': write user:NAME=ACCESS or group:NAME=ACCESS");
                    }
                    ps.add(Map.of(who[0], who[1], "access", kv[1]));
                }
                b.put("permissions", ps);
            }
            return b;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a share; it is served at once.")
    static final class Create extends Options {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--metadata-store", description = "Default: the only one, or 'default'.")
        @Nullable
        String metadataStore;

        @Option(names = "--block-store", description = "Default: the only one, or 'default'.")
        @Nullable
        String blockStore;

        @Option(names = "--durability", description = "What COMMIT and FLUSH wait for: local (default) or remote.")
        @Nullable
        String durability;

        @Option(
                names = "--smb-encryption",
                description = "SMB encryption of the share: off (default), desired, required.")
        @Nullable
        String smbEncryption;

        @Option(
                names = "--smb-continuous-availability",
                description = "Offer SMB 3.x persistent handles on the share (default: no).")
        @Nullable
        Boolean smbContinuousAvailability;

        @Override
        void run(ApiClient api) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", name);
            putIf(b, "metadataStore", metadataStore);
            putIf(b, "blockStore", blockStore);
            putIf(b, "durability", durability);
            putIf(b, "smbEncryption", smbEncryption);
            putIf(b, "smbContinuousAvailability", smbContinuousAvailability);
            b.putAll(body());
            JsonNode s = api.call("POST", "/api/v1/shares", b);
            done("share '" + name + "' created", s, COLUMNS);
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "Lists shares.")
    static final class ListShares extends ApiCommand {
        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/shares"), COLUMNS);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows a share.")
    static final class Get extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/shares/" + segment(name)), COLUMNS);
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Changes a share's options; applies at once.")
    static final class Update extends Options {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            JsonNode s = api.call("PATCH", "/api/v1/shares/" + segment(name), body());
            done("share '" + name + "' updated", s, COLUMNS);
        }
    }

    @Command(
            name = "delete",
            aliases = "rm",
            mixinStandardHelpOptions = true,
            description = "Stops serving a share and deletes it; refused while files are open unless --force.")
    static final class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--force", description = "Delete even with open files.")
        boolean force;

        @Override
        void run(ApiClient api) {
            api.call("DELETE", "/api/v1/shares/" + segment(name) + (force ? "?force=true" : ""), null);
            out().println("share '" + name + "' deleted");
        }
    }
}
