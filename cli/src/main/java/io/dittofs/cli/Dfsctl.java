package io.dittofs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dfsctl}: the administration command line. It talks to the daemon's HTTP endpoint only.
 * This version has {@code status}; users, groups, shares, stores and adapters arrive with the
 * REST control plane.
 */
@Command(
        name = "dfsctl",
        mixinStandardHelpOptions = true,
        version = "dfsctl development",
        description = "Administers a running DittoFS server over its HTTP API.",
        subcommands = {StatusCommand.class, CommandLine.HelpCommand.class})
public final class Dfsctl {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Dfsctl()).execute(args));
    }
}
