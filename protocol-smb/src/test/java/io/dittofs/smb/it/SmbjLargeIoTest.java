package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.connection.NegotiatedProtocol;
import com.hierynomus.smbj.share.File;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.SmbTestServer;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large MTU I/O (MS-SMB2 3.3.5.2.5): the server offers 8 MiB reads and writes, and a client that
 * takes them (smbj with 8 MiB buffers, which charges one credit per 64 KiB, 128 per request)
 * writes and reads a file in 8 MiB requests, signed and encrypted.
 */
class SmbjLargeIoTest {
    private static final int MIB = 1 << 20;
    private static SmbTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start(SmbSettings.defaults().withBind("127.0.0.1", 0), ShareOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eightMibRequestsRoundTrip(boolean encrypt) throws Exception {
        SmbConfig config = SmbConfig.builder()
                .withDialects(SMB2Dialect.SMB_3_1_1)
                .withSigningRequired(!encrypt)
                .withEncryptData(encrypt)
                .withReadBufferSize(8 * MIB)
                .withWriteBufferSize(8 * MIB)
                .withTransactBufferSize(8 * MIB)
                .withTimeout(60, TimeUnit.SECONDS)
                .build();
        byte[] data = new byte[20 * MIB + 12_345];
        new Random(encrypt ? 2 : 1).nextBytes(data);
        try (SmbjClient c = new SmbjClient(server, config)) {
            NegotiatedProtocol p = c.connection.getNegotiatedProtocol();
            assertThat(p.getMaxReadSize()).isEqualTo(8 * MIB);
            assertThat(p.getMaxWriteSize()).isEqualTo(8 * MIB);
            String name = "large-" + encrypt + ".bin";
            try (File f = open(c, name)) {
                assertThat(f.write(data, 0)).isEqualTo(data.length); // three WRITEs: 8, 8 and 4 MiB
            }
            try (File f = open(c, name)) {
                byte[] back = new byte[data.length];
                int first = f.read(back, 0, 0, 8 * MIB);
                assertThat(first).as("one READ of 8 MiB").isEqualTo(8 * MIB);
                int at = first;
                while (at < data.length) {
                    int n = f.read(back, at, at, Math.min(8 * MIB, data.length - at));
                    assertThat(n).isPositive();
                    at += n;
                }
                assertThat(back).isEqualTo(data);
            }
        }
    }

    private static File open(SmbjClient c, String name) {
        return c.share.openFile(
                name,
                EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE),
                null,
                Set.of(SMB2ShareAccess.FILE_SHARE_READ),
                SMB2CreateDisposition.FILE_OPEN_IF,
                null);
    }
}
