package io.dittofs.cli;

/** A failure dfsctl reports as one line and an exit code (see {@link ExitCodes}). */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
