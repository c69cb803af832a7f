package io.dittofs.cli;

import static io.dittofs.cli.ApiClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfsctl user}: accounts (file-system identities with a uid, and API logins). */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Creates, lists, shows, changes and deletes users.",
        subcommands = {
            UserCommand.Create.class,
            UserCommand.ListUsers.class,
            UserCommand.Get.class,
            UserCommand.Update.class,
            UserCommand.Delete.class,
            UserCommand.Passwd.class
        })
final class UserCommand {
    static final List<Output.Column> COLUMNS = List.of(
            ApiCommand.col("NAME", "name"),
            ApiCommand.col("UID", "uid"),
            ApiCommand.col("GID", "gid"),
            ApiCommand.col("ROLE", "role"),
            ApiCommand.col("GROUPS", "groups"),
            ApiCommand.col("SMB", "smb"));

    private UserCommand() {}

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a user.")
    static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--uid", description = "POSIX uid (makes it a file-system identity).")
        @Nullable
        Integer uid;

        @Option(names = "--gid", description = "Primary gid (default: the uid).")
        @Nullable
        Integer gid;

        @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "Supplementary groups.")
        @Nullable
        List<String> groups;

        @Option(names = "--role", description = "admin or user (default user).", completionCandidates = Roles.class)
        @Nullable
        String role;

        @Option(names = "--password", description = "Its password (or $DFSCTL_NEW_PASSWORD).")
        @Nullable
        String password;

        @Override
        void run(ApiClient api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            putIf(body, "uid", uid);
            putIf(body, "gid", gid);
            putIf(body, "groups", groups);
            putIf(body, "role", role);
            String pw = password != null
                    ? password
                    : ((Dfsctl) spec.root().userObject()).env().get("DFSCTL_NEW_PASSWORD");
            putIf(body, "password", pw);
            JsonNode u = api.call("POST", "/api/v1/users", body);
            done("user '" + name + "' created", u, COLUMNS);
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "Lists users.")
    static final class ListUsers extends ApiCommand {
        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/users"), COLUMNS);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows a user.")
    static final class Get extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/users/" + segment(name)), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Changes a user's ids, groups or role.")
    static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--uid")
        @Nullable
        Integer uid;

        @Option(names = "--gid")
        @Nullable
        Integer gid;

        @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "Replaces the groups.")
        @Nullable
        List<String> groups;

        @Option(names = "--role", completionCandidates = Roles.class)
        @Nullable
        String role;

        @Override
        void run(ApiClient api) {
            Map<String, Object> body = new LinkedHashMap<>();
            putIf(body, "uid", uid);
            putIf(body, "gid", gid);
            putIf(body, "groups", groups);
            putIf(body, "role", role);
            JsonNode u = api.call("PATCH", "/api/v1/users/" + segment(name), body);
            done("user '" + name + "' updated", u, COLUMNS);
        }
    }

    @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Deletes a user.")
    static final class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            api.call("DELETE", "/api/v1/users/" + segment(name), null);
            out().println("user '" + name + "' deleted");
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a user's password.")
    static final class Passwd extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(
                names = "--password",
                description = "The new password (or $DFSCTL_NEW_PASSWORD, or asked on the terminal).")
        @Nullable
        String password;

        @Override
        void run(ApiClient api) {
            String pw = password != null
                    ? password
                    : ((Dfsctl) spec.root().userObject()).env().get("DFSCTL_NEW_PASSWORD");
            if (pw == null && System.console() != null) {
                char[] c = System.console().readPassword("new password for %s: ", name);
                pw = c == null ? null : new String(c);
            }
            if (pw == null || pw.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "no password: give --password or DFSCTL_NEW_PASSWORD");
            }
            api.call("PUT", "/api/v1/users/" + segment(name) + "/password", Map.of("password", pw));
            out().println("password of '" + name + "' set");
        }
    }

    static final class Roles extends java.util.ArrayList<String> {
        Roles() {
            super(List.of("admin", "user"));
        }
    }

    static void putIf(Map<String, Object> m, String key, @Nullable Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }
}
