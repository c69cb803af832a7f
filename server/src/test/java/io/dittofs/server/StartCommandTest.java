package io.dittofs.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.server.cli.DittoFsCommand;
import io.dittofs.server.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aBadConfigExitsWithTheConfigCodeBeforeListening() throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "shares:\n  - name: x\n    metadataStore: nope\n    blockStore: nope\n");
        assertThat(DittoFsCommand.run("start", "--config", cfg.toString(), "--data-dir", tmp.toString()))
                .isEqualTo(ExitCodes.CONFIG);
    }

    @Test
    void aMissingConfigFileExitsWithTheConfigCode() {
        assertThat(DittoFsCommand.run(
                        "start", "--config", tmp.resolve("none.yaml").toString()))
                .isEqualTo(ExitCodes.CONFIG);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(DittoFsCommand.run("start", "--nfs-prot", "1")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpDocumentsEveryStartOption() {
        var out = new java.io.StringWriter();
        var cmd = new picocli.CommandLine(new DittoFsCommand());
        cmd.setOut(new java.io.PrintWriter(out));
        assertThat(cmd.execute("start", "--help")).isZero();
        assertThat(out.toString())
                .contains("--config", "--data-dir", "--bind", "--nfs-port", "--smb-port", "--api-port");
    }
}
