package io.dittofs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dfsctl status}: what the server serves and where. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the server's adapters and shares.")
public final class StatusCommand implements Callable<Integer> {
    @Option(
            names = "--server",
            paramLabel = "URL",
            defaultValue = "${DFSCTL_SERVER:-http://127.0.0.1:8080}",
            description = "The server's HTTP address (default: ${DEFAULT-VALUE}; env DFSCTL_SERVER).")
    URI server;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table or json.")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String body;
        try {
            HttpResponse<String> r = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(server.resolve("/status"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("dfsctl: server at " + server + " answered HTTP " + r.statusCode());
                return 1;
            }
            body = r.body();
        } catch (ConnectException e) {
            err.println(
                    "dfsctl: server not reachable at " + server + " (is it running? set --server or DFSCTL_SERVER)");
            return 1;
        } catch (IOException e) {
            err.println("dfsctl: talking to " + server + " failed: " + e.getMessage());
            return 1;
        }
        if (output.equals("json")) {
            out.println(body);
            return 0;
        }
        try {
            JsonNode status = new ObjectMapper().readTree(body);
            out.printf("%-10s %-10s %s%n", "ADAPTER", "STATE", "ENDPOINTS");
            for (JsonNode a : status.path("adapters")) {
                StringBuilder eps = new StringBuilder();
                for (JsonNode e : a.path("endpoints")) {
                    eps.append(eps.isEmpty() ? "" : ", ")
                            .append(e.path("service").asText())
                            .append(':')
                            .append(e.path("port").asInt());
                }
                out.printf(
                        "%-10s %-10s %s%n",
                        a.path("name").asText(), a.path("state").asText(), eps);
            }
            out.println();
            out.println("SHARES");
            for (JsonNode s : status.path("shares")) {
                out.println(s.asText());
            }
            return 0;
        } catch (IOException e) {
            err.println("dfsctl: the server's answer is not JSON: " + e.getMessage());
            return 1;
        }
    }
}
