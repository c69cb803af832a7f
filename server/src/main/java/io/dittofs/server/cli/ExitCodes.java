package io.dittofs.server.cli;

/** Exit codes of {@code dittofs}, from sysexits.h where one fits. */
public final class ExitCodes {
    /** Stopped cleanly. */
    public static final int OK = 0;
    /** Failed while running. */
    public static final int FAILURE = 1;
    /** Bad command-line usage. */
    public static final int USAGE = 2;
    /** A store is in use by another process; try again once it is stopped (EX_TEMPFAIL). */
    public static final int IN_USE = 75;
    /** The configuration cannot run (EX_CONFIG). */
    public static final int CONFIG = 78;

    private ExitCodes() {}
}
