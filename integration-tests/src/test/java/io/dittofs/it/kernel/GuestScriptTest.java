package io.dittofs.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuestScriptTest {

    @Test
    void quotingSurvivesSingleQuotesAndExpansions() {
        assertThat(GuestScript.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    }

    @Test
    void scriptSourcesTheLibraryThenExportsThenRunsStepsInOrder() {
        String text = GuestScript.builder()
                .env("NFS_PORT", 12049)
                .step("list", "ls /mnt")
                .stepTimeout(Duration.ofSeconds(5))
                .stepFails("denied", "touch /mnt/ro")
                .mountNfs3("mount-v3", 12049, 12050, "/export", "/mnt/v3", "")
                .mountCifs("mount-smb", 1445, "export", "/mnt/smb", "alice", "pa'ss", "seal")
                .build()
                .render();
        assertThat(text.lines().toList())
                .containsSubsequence(
                        ". \"$GUEST_DIR/lib.sh\"",
                        "export NFS_PORT='12049'",
                        "step_sh list 'ls /mnt'",
                        "STEP_TIMEOUT=5",
                        "step_fails denied eval 'touch /mnt/ro'",
                        "step mount-v3 mount_nfs3 12049 12050 '/export' '/mnt/v3' ''",
                        "step mount-smb mount_cifs 1445 'export' '/mnt/smb' 'alice' 'pa'\\''ss' 'seal'");
    }

    @Test
    void stepNamesWithSpacesAreRejected() {
        assertThatThrownBy(() -> GuestScript.builder().step("two words", "true"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
