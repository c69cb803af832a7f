package io.dittofs.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNlmHostsTest {
    @Test
    void hostsSurviveReopeningTheFileAndForgottenOnesDoNot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nlm-hosts");
        FileNlmHosts hosts = new FileNlmHosts(file);
        var a = new NlmHosts.Host("client-a", InetAddress.ofLiteral("10.0.0.1"), InetAddress.ofLiteral("10.0.0.9"));
        var b = new NlmHosts.Host("client-b", InetAddress.ofLiteral("fe80::1"), InetAddress.ofLiteral("10.0.0.9"));
        hosts.monitor(a);
        hosts.monitor(b);
        hosts.forget("client-a");
        assertThat(new FileNlmHosts(file).all()).containsExactly(b);
        Files.writeString(file, "garbage line\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new FileNlmHosts(file).all()).containsExactly(b);
    }
}
