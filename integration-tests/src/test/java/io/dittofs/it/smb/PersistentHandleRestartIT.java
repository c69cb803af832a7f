package io.dittofs.it.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.it.ServerUnderTest;
import io.dittofs.server.EmbeddedDefault;
import io.dittofs.smb.LeaseClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMB persistent handles (MS-SMB2 3.3.5.9.10, 3.3.5.9.12) across a restart of the real daemon
 * over its RocksDB metadata store: a raw SMB 3.0 client opens with DH2Q and
 * SMB2_DHANDLE_FLAG_PERSISTENT on a share with {@code smbContinuousAvailability}, the daemon
 * stops and starts again on the same data folder, and the client takes the open back with DH2C
 * and writes through it.
 */
class PersistentHandleRestartIT {
    private static final int SMB_3_0 = 0x0300;
    private static final int PERSISTENT = 0x2;
    private static final long GUID = 0x5EED;

    @TempDir
    static Path data;

    private static LeaseClient client(ServerUnderTest server) throws Exception {
        return new LeaseClient(
                server.smbPort(), ServerUnderTest.USER, ServerUnderTest.PASSWORD, EmbeddedDefault.SHARE, SMB_3_0);
    }

    @Test
    void aPersistentHandleIsTakenBackAfterTheDaemonRestarts() throws Exception {
        try (ServerUnderTest server = ServerUnderTest.continuouslyAvailable(data)) {
            LeaseClient.Created first;
            try (LeaseClient a = client(server)) {
                first = a.create("kept.txt", 0, Map.of("DH2Q", LeaseClient.dh2q(PERSISTENT, GUID)));
                assertThat(ByteBuffer.wrap(first.contexts().get("DH2Q"))
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getInt(4))
                        .as("granted persistent")
                        .isEqualTo(PERSISTENT);
                assertThat(a.write(first, "before".getBytes(StandardCharsets.UTF_8)))
                        .isZero();
            }
            server.stop();
            server.start();
            try (LeaseClient b = client(server)) {
                LeaseClient.Created back = b.tryCreate("kept.txt", 0, LeaseClient.dh2c(first, GUID));
                assertThat(back).as("reclaimed after the restart").isNotNull();
                assertThat(back.persistent()).isEqualTo(first.persistent());
                assertThat(b.write(back, "after!".getBytes(StandardCharsets.UTF_8)))
                        .isZero();
                assertThat(b.read(back, 6)).isZero();
                assertThat(b.closeFile(back)).isZero();
            }
        }
    }
}
