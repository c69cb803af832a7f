package io.dittofs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command that talks to the server shares: --server, -o, and error reporting. */
abstract class ApiCommand implements Callable<Integer> {
    /** Completion candidates for -o. */
    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(List.of("table", "json", "yaml"));
        }
    }

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The server's API (default: $DFSCTL_SERVER, else the last login's, else"
                    + " http://127.0.0.1:8080 or :18080).")
    @Nullable
    String server;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            completionCandidates = Formats.class,
            description = "table (default), json or yaml.")
    String output = "table";

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            run(new ApiClient(server, ((Dfsctl) spec.root().userObject()).env()));
            return ExitCodes.OK;
        } catch (CliException e) {
            err().println("dfsctl: " + e.getMessage());
            err().flush();
            return e.exitCode();
        }
    }

    abstract void run(ApiClient api);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void print(JsonNode value, List<Output.Column> columns) {
        Output.print(out(), output, value, columns);
    }

    /** A one-line confirmation in table mode; the resource itself in json/yaml. */
    void done(String message, JsonNode value, List<Output.Column> columns) {
        if (output.equals("table") || value.isMissingNode()) {
            out().println(message);
            out().flush();
        } else {
            print(value, columns);
        }
    }

    static Output.Column col(String heading, String field) {
        return new Output.Column(heading, field);
    }
}
