package io.dittofs.it.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one boot of a {@link KernelGuest} produced.
 *
 * @param runDir this boot's directory: {@code console.log}, {@code boot.sh} and {@code scratch/}
 * @param exitStatus the script's exit status; empty when it never finished (see {@link #timedOut})
 * @param timedOut whether the host killed QEMU because the boot outlived its timeout
 * @param output everything the script wrote to stdout and stderr
 * @param steps the steps in the order they reported; a repeated name gets a {@code #2} suffix
 * @param bootToScript from starting QEMU to the script starting in the guest, when it started
 * @param total from starting QEMU to QEMU exiting
 * @param consoleTail the last lines of the serial console, for failure messages
 */
public record GuestRun(
        Path runDir,
        OptionalInt exitStatus,
        boolean timedOut,
        String output,
        List<StepResult> steps,
        Optional<Duration> bootToScript,
        Duration total,
        String consoleTail) {

    public GuestRun {
        steps = List.copyOf(steps);
    }

    /** The serial console of this boot: kernel messages, init's messages and the script's output. */
    public Path consoleLog() {
        return runDir.resolve("console.log");
    }

    /** The host side of the guest's {@code /scratch}: files the script leaves there. */
    public Path scratchDir() {
        return runDir.resolve("scratch");
    }

    /** Whether the script ran to its end and exited with status 0. */
    public boolean succeeded() {
        return exitStatus.isPresent() && exitStatus.getAsInt() == 0;
    }

    public Map<String, StepResult> stepsByName() {
        Map<String, StepResult> byName = new LinkedHashMap<>();
        for (StepResult step : steps) {
            byName.put(step.name(), step);
        }
        return byName;
    }

    /** The step of that name; fails with this run's {@link #summary()} when it did not report. */
    public StepResult step(String name) {
        StepResult step = stepsByName().get(name);
        if (step == null) {
            throw new NoSuchElementException("step " + name + " did not report\n" + summary());
        }
        return step;
    }

    public List<StepResult> failedSteps() {
        return steps.stream().filter(step -> !step.ok()).toList();
    }

    /** A multi-line account of this boot for assertion messages. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("guest run ").append(runDir).append(": ");
        if (timedOut) {
            text.append("timed out");
        } else if (exitStatus.isPresent()) {
            text.append("exit status ").append(exitStatus.getAsInt());
        } else {
            text.append("the script did not finish");
        }
        text.append(", ")
                .append(bootToScript.map(d -> "boot " + d.toMillis() + " ms, ").orElse("never reached the script, "))
                .append("total ")
                .append(total.toMillis())
                .append(" ms\n");
        steps.forEach(step -> text.append("  ").append(step).append('\n'));
        text.append("console tail (").append(consoleLog()).append("):\n").append(consoleTail);
        return text.toString();
    }
}
