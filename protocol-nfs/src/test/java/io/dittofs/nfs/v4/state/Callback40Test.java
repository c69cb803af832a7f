package io.dittofs.nfs.v4.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Universal addresses of SETCLIENTID's callback (RFC 5665 section 5.2.3). */
class Callback40Test {
    @Test
    void tcpAndTcp6UniversalAddressesNameAHostAndAPort() {
        assertThat(Callback40.parse("tcp", "10.0.2.15.3.232")).isEqualTo(new InetSocketAddress("10.0.2.15", 1000));
        assertThat(Callback40.parse("tcp6", "fe80::1.0.111")).isEqualTo(new InetSocketAddress("fe80::1", 111));
    }

    @Test
    void anythingElseIsNoCallbackPath() {
        assertThat(Callback40.parse("tcp", "")).isNull();
        assertThat(Callback40.parse("udp", "10.0.2.15.3.232")).isNull();
        assertThat(Callback40.parse("tcp", "10.0.2.15.3")).isNull(); // no port low byte
        assertThat(Callback40.parse("tcp", "10.0.2.15.256.1")).isNull();
        assertThat(Callback40.parse("tcp", "client.example.3.232")).isNull(); // names are not resolved
        assertThat(Callback40.parse("tcp6", "10.0.2.15.3.232")).isNull();
    }
}
