package io.dittofs.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dfsctl}: the administration command line. It talks to the daemon's REST API only and
 * links nothing of the server.
 */
@Command(
        name = "dfsctl",
        mixinStandardHelpOptions = true,
        version = "dfsctl development",
        description = {
            "Administers a running DittoFS server over its REST API.",
            "%nStart with: dfsctl login (the first admin's password is DITTOFS_ADMIN_PASSWORD at the server's first"
                    + " start, or the one it printed). Shell completion: source <(dfsctl generate-completion)"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the server failed",
            "2:bad usage",
            "3:server not reachable",
            "4:not logged in, token expired, or not allowed",
            "5:not found",
            "6:refused as invalid",
            "7:conflict (in use, open files)"
        },
        subcommands = {
            LoginCommand.class,
            StatusCommand.class,
            UserCommand.class,
            GroupCommand.class,
            StoreCommand.class,
            ShareCommand.class,
            AdapterCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        })
public final class Dfsctl {
    private final Map<String, String> env;

    Dfsctl(Map<String, String> env) {
        this.env = env;
    }

    Map<String, String> env() {
        return env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with {@code env} as the environment; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Dfsctl(env)).setOut(out).setErr(err);
        cl.getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
