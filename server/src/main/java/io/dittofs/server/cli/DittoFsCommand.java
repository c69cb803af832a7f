package io.dittofs.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dittofs}: the server's command line. */
@Command(
        name = "dittofs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "One userspace server for NFSv3, NFSv4 and SMB2/3 over pluggable metadata and block stores.",
        subcommands = {StartCommand.class, FsckCommand.class, GcCommand.class, CommandLine.HelpCommand.class})
public final class DittoFsCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new DittoFsCommand()).execute(args);
    }
}
