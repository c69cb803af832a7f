package io.dittofs.smb.info;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardsTest {
    @Test
    void starAndQuestionMarkMatchIgnoringCase() {
        assertThat(Wildcards.matches("*", "anything")).isTrue();
        assertThat(Wildcards.matches("*.TXT", "notes.txt")).isTrue();
        assertThat(Wildcards.matches("n?tes.*", "Notes.md")).isTrue();
        assertThat(Wildcards.matches("a*b*c", "aXbYc")).isTrue();
        assertThat(Wildcards.matches("a*b*c", "aXbY")).isFalse();
        assertThat(Wildcards.matches("?", "ab")).isFalse();
        assertThat(Wildcards.matches("file", "FILE")).isTrue();
    }

    @Test
    void aPathologicalPatternDoesNotBlowUp() {
        String name = "a".repeat(5000);
        assertThat(Wildcards.matches("*a*a*a*a*a*a*a*a*b", name)).isFalse();
    }
}
