package io.dittofs.it.kernel;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one step of a guest script, as {@code guest-lib.sh} reports it in one line of
 * {@code steps.log}:
 *
 * <pre>
 * STEP &lt;name&gt; OK|FAIL &lt;elapsed-ms&gt; &lt;detail&gt;
 * </pre>
 *
 * @param name the step's name (no whitespace)
 * @param ok whether the step met its expectation (success, or failure for {@code step_fails})
 * @param elapsed wall time of the step inside the guest
 * @param detail the step's last output line, or why it failed; may be empty
 */
public record StepResult(String name, boolean ok, Duration elapsed, String detail) {

    /** Parses one {@code STEP} line; anything else is empty. */
    static Optional<StepResult> parse(String line) {
        String[] fields = line.strip().split(" ", 5);
        if (fields.length < 4 || !fields[0].equals("STEP")) {
            return Optional.empty();
        }
        boolean ok;
        switch (fields[2]) {
            case "OK" -> ok = true;
            case "FAIL" -> ok = false;
            default -> {
                return Optional.empty();
            }
        }
        long millis;
        try {
            millis = Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String detail = fields.length == 5 ? fields[4].strip() : "";
        return Optional.of(new StepResult(fields[1], ok, Duration.ofMillis(millis), detail));
    }

    @Override
    public String toString() {
        return name + " " + (ok ? "OK" : "FAIL") + " (" + elapsed.toMillis() + " ms) " + detail;
    }
}
