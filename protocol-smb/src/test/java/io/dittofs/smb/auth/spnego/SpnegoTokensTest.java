package io.dittofs.smb.auth.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpnegoTokensTest {
    @Test
    void theServerInitOffersNtlmsspInAnInitialContextToken() {
        byte[] t = SpnegoTokens.serverInit();
        String hex = HexFormat.of().formatHex(t);
        assertThat(t[0]).isEqualTo((byte) 0x60);
        assertThat(hex).contains("06062b0601050502"); // OID 1.3.6.1.5.5.2
        assertThat(hex).contains("060a2b06010401823702020a"); // OID 1.3.6.1.4.1.311.2.2.10
    }

    @Test
    void aClientInitRoundTrips() throws IOException {
        byte[] token = {'N', 'T', 'L', 'M'};
        SpnegoTokens.Parsed p = SpnegoTokens.parse(SpnegoTokens.clientInit(List.of(SpnegoTokens.NTLMSSP), token));
        assertThat(p).isInstanceOfSatisfying(SpnegoTokens.Init.class, i -> {
            assertThat(i.mechTypes()).containsExactly(SpnegoTokens.NTLMSSP);
            assertThat(i.mechToken()).isEqualTo(token);
        });
    }

    @Test
    void aResponseRoundTripsWithItsMic() throws IOException {
        byte[] r = SpnegoTokens.response(SpnegoTokens.ACCEPT_INCOMPLETE, true, new byte[] {1, 2}, new byte[] {3});
        assertThat(SpnegoTokens.parse(r)).isInstanceOfSatisfying(SpnegoTokens.Resp.class, x -> {
            assertThat(x.responseToken()).containsExactly(1, 2);
            assertThat(x.mechListMic()).containsExactly(3);
        });
    }

    @Test
    void garbageIsAnIoExceptionNotACrash() {
        assertThatThrownBy(() -> SpnegoTokens.parse(new byte[] {0x60, (byte) 0x84, 1, 2}))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SpnegoTokens.parse(new byte[0])).isInstanceOf(IOException.class);
    }
}
