package io.dittofs.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfsctl login}: gets a token and keeps it (0600) for the other commands. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Logs in to the server and saves the token in ~/.config/dfsctl/credentials.json (mode 0600).",
            "The password is asked for on the terminal, read from standard input with --password-stdin,"
                    + " or taken from $DFSCTL_PASSWORD."
        })
final class LoginCommand extends ApiCommand {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "USER",
            defaultValue = "admin",
            description = "Default: admin.")
    String user = "admin";

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Override
    void run(ApiClient api) {
        String password = password();
        api.login(user, password);
        out().println("logged in to " + api.server() + " as " + user + " (token saved in " + api.credentialsFile()
                + ")");
        out().flush();
    }

    private String password() {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException(ExitCodes.USAGE, "no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read the password: " + e.getMessage());
            }
        }
        String env = ((Dfsctl) spec.root().userObject()).env().get("DFSCTL_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException(
                    ExitCodes.USAGE, "no terminal to ask the password on: use --password-stdin or DFSCTL_PASSWORD");
        }
        char[] pw = console.readPassword("password for %s: ", user);
        if (pw == null || pw.length == 0) {
            throw new CliException(ExitCodes.USAGE, "no password given");
        }
        return new String(pw);
    }
}
