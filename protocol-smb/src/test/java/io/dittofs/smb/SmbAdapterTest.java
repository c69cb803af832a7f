package io.dittofs.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.adapter.AdapterStatus;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmbAdapterTest {
    @Test
    void startReportsRunningWithItsEndpointAndStopReleasesThePort() throws Exception {
        SmbTestServer s = SmbTestServer.start();
        AdapterStatus st = s.adapter.status();
        assertThat(st.name()).isEqualTo("smb");
        assertThat(st.state()).isEqualTo(AdapterStatus.State.RUNNING);
        assertThat(st.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo("smb");
            assertThat(e.address().getPort()).isEqualTo(s.port());
        });
        int port = s.port();
        try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress("127.0.0.1", port));
        }
        s.adapter.stop(Duration.ofSeconds(1));
        s.adapter.stop(Duration.ofSeconds(1)); // idempotent
        assertThat(s.adapter.status().state()).isEqualTo(AdapterStatus.State.STOPPED);
        assertThat(s.adapter.status().endpoints()).isEmpty();
        assertThatThrownBy(() -> {
                    try (Socket c = new Socket()) {
                        c.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    }
                })
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void settingsRefuseAFrameCapBeyondTheTwentyFourBitLength() {
        assertThatThrownBy(() -> new SmbSettings(
                        "127.0.0.1",
                        445,
                        1 << 24,
                        false,
                        java.util.UUID.randomUUID(),
                        512,
                        "X",
                        "W",
                        EncryptionMode.DESIRED,
                        java.util.Map.of(),
                        java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
