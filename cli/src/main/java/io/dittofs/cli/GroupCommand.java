package io.dittofs.cli;

import static io.dittofs.cli.ApiClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfsctl group}: groups and their members. */
@Command(
        name = "group",
        mixinStandardHelpOptions = true,
        description = "Creates, lists, shows, changes and deletes groups; adds and removes members.",
        subcommands = {
            GroupCommand.Create.class,
            GroupCommand.ListGroups.class,
            GroupCommand.Get.class,
            GroupCommand.Update.class,
            GroupCommand.Delete.class,
            GroupCommand.AddMember.class,
            GroupCommand.RemoveMember.class
        })
final class GroupCommand {
    static final List<Output.Column> COLUMNS =
            List.of(ApiCommand.col("NAME", "name"), ApiCommand.col("GID", "gid"), ApiCommand.col("MEMBERS", "members"));

    private GroupCommand() {}

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a group.")
    static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--gid", required = true)
        int gid;

        @Override
        void run(ApiClient api) {
            JsonNode g = api.call("POST", "/api/v1/groups", Map.of("name", name, "gid", gid));
            done("group '" + name + "' created", g, COLUMNS);
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "Lists groups.")
    static final class ListGroups extends ApiCommand {
        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/groups"), COLUMNS);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows a group and its members.")
    static final class Get extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            print(api.get("/api/v1/groups/" + segment(name)), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Changes a group's gid.")
    static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--gid", required = true)
        int gid;

        @Override
        void run(ApiClient api) {
            JsonNode g = api.call("PATCH", "/api/v1/groups/" + segment(name), Map.of("gid", gid));
            done("group '" + name + "' updated", g, COLUMNS);
        }
    }

    @Command(
            name = "delete",
            aliases = "rm",
            mixinStandardHelpOptions = true,
            description = "Deletes a group without members.")
    static final class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(ApiClient api) {
            api.call("DELETE", "/api/v1/groups/" + segment(name), null);
            out().println("group '" + name + "' deleted");
        }
    }

    @Command(name = "add-member", mixinStandardHelpOptions = true, description = "Adds a user to a group.")
    static final class AddMember extends ApiCommand {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Parameters(index = "1", paramLabel = "USER")
        String user;

        @Override
        void run(ApiClient api) {
            JsonNode g = api.call("PUT", "/api/v1/groups/" + segment(group) + "/members/" + segment(user), null);
            done("'" + user + "' is a member of '" + group + "'", g, COLUMNS);
        }
    }

    @Command(name = "remove-member", mixinStandardHelpOptions = true, description = "Removes a user from a group.")
    static final class RemoveMember extends ApiCommand {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Parameters(index = "1", paramLabel = "USER")
        String user;

        @Override
        void run(ApiClient api) {
            api.call("DELETE", "/api/v1/groups/" + segment(group) + "/members/" + segment(user), null);
            out().println("'" + user + "' is no longer a member of '" + group + "'");
        }
    }
}
