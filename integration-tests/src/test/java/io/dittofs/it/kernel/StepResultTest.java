package io.dittofs.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepResultTest {

    @Test
    void okLineParsesWithItsDetail() {
        assertThat(StepResult.parse("STEP kernel-release OK 12 6.1.0-56-amd64"))
                .contains(new StepResult("kernel-release", true, Duration.ofMillis(12), "6.1.0-56-amd64"));
    }

    @Test
    void failLineKeepsSpacesInItsDetail() {
        assertThat(StepResult.parse("STEP mount FAIL 3001 exit=32: mount.nfs: Connection refused"))
                .contains(new StepResult(
                        "mount", false, Duration.ofMillis(3001), "exit=32: mount.nfs: Connection refused"));
    }

    @Test
    void lineWithoutDetailHasAnEmptyDetail() {
        assertThat(StepResult.parse("STEP quiet OK 5 "))
                .contains(new StepResult("quiet", true, Duration.ofMillis(5), ""));
    }

    @Test
    void otherLinesAreNotSteps() {
        assertThat(StepResult.parse("--- step x: true")).isEmpty();
        assertThat(StepResult.parse("STEP x MAYBE 1 y")).isEmpty();
        assertThat(StepResult.parse("STEP x OK soon y")).isEmpty();
    }

    @Test
    void repeatedStepNamesGetANumberedSuffix(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("steps.log");
        Files.writeString(log, "STEP probe OK 1 a\nnoise\nSTEP probe FAIL 2 b\n");
        assertThat(KernelGuest.readSteps(log)).extracting(StepResult::name).containsExactly("probe", "probe#2");
    }
}
