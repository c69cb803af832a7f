package io.dittofs.server.control;

import org.jspecify.annotations.Nullable;

/**
 * A request the control plane refuses, with the HTTP status it answers, the field at fault (when
 * one is) and a reason a person can act on. Nothing was changed when it is thrown.
 */
public final class ControlException extends RuntimeException {
    private final int status;
    private final @Nullable String field;

    public ControlException(int status, @Nullable String field, String reason) {
        super(reason, null, false, false); // a refusal, not a fault: no stack trace to fill
        this.status = status;
        this.field = field;
    }

    public static ControlException invalid(String field, String reason) {
        return new ControlException(400, field, reason);
    }

    public static ControlException notFound(String what, String name) {
        return new ControlException(404, null, what + " '" + name + "' not found");
    }

    public static ControlException conflict(@Nullable String field, String reason) {
        return new ControlException(409, field, reason);
    }

    public int status() {
        return status;
    }

    public @Nullable String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
