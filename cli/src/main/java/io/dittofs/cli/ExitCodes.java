package io.dittofs.cli;

/** dfsctl's exit codes, so scripts can tell what went wrong. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int AUTH = 4;
    static final int NOT_FOUND = 5;
    static final int INVALID = 6;
    static final int CONFLICT = 7;

    private ExitCodes() {}

    static int forStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 400, 405, 412, 413, 429 -> INVALID;
            default -> FAILED;
        };
    }
}
