package io.dittofs.runtime.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.error.FsException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareOptionsTest {
    private static AuthContext from(String ip, Principal p) {
        return new AuthContext(p, Protocol.NFS3, AuthFlavor.UNIX, new InetSocketAddress(ip, 700));
    }

    @Test
    void rootSquashMapsRootToTheAnonymousIdsAndLeavesOthersAlone() {
        ShareOptions o = ShareOptions.DEFAULTS.withSquash(Squash.ROOT);
        assertThat(o.admit("s", from("10.0.0.1", Principal.ROOT)).principal().uid())
                .isEqualTo(65534);
        Principal alice = Principal.of(1000, 1000);
        assertThat(o.admit("s", from("10.0.0.1", alice)).principal()).isEqualTo(alice);
    }

    @Test
    void allSquashMapsEveryone() {
        ShareOptions o = ShareOptions.DEFAULTS.withSquash(Squash.ALL);
        Principal p =
                o.admit("s", from("10.0.0.1", Principal.of(1000, 1000, 5))).principal();
        assertThat(p.uid()).isEqualTo(65534);
        assertThat(p.gid()).isEqualTo(65534);
        assertThat(p.groups()).isEmpty();
    }

    @Test
    void allowedNetworksAdmitOnlyTheirClients() {
        ShareOptions o = ShareOptions.DEFAULTS.withAllowedNetworks(
                List.of(NetworkRange.parse("192.168.1.0/24"), NetworkRange.parse("::1")));
        assertThat(o.admit("s", from("192.168.1.77", Principal.ROOT))).isNotNull();
        assertThat(o.admit("s", from("::1", Principal.ROOT))).isNotNull();
        assertThatThrownBy(() -> o.admit("s", from("192.168.2.1", Principal.ROOT)))
                .isInstanceOf(FsException.class);
    }

    @Test
    void networkRangesMatchPartialBytes() {
        NetworkRange r = NetworkRange.parse("10.1.128.0/17");
        assertThat(r.contains(new InetSocketAddress("10.1.200.3", 0).getAddress()))
                .isTrue();
        assertThat(r.contains(new InetSocketAddress("10.1.127.3", 0).getAddress()))
                .isFalse();
        assertThatThrownBy(() -> NetworkRange.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shareIdsAreStableAcrossRunsAndNeverZero() {
        assertThat(ShareRegistry.idFor("export")).isEqualTo(ShareRegistry.idFor("export"));
        assertThat(ShareRegistry.idFor("export")).isNotEqualTo(ShareRegistry.idFor("Export"));
        assertThat(ShareRegistry.idFor("")).isNotZero();
    }
}
