package io.dittofs.runtime.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.share.ShareAccess.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareAccessTest {
    private final ShareAccess rules =
            new ShareAccess(Map.of(1000, Level.READ, 1001, Level.NONE), Map.of(50, Level.NONE, 60, Level.WRITE));

    @Test
    void aUserRuleWinsOverItsGroups() {
        assertThat(rules.of(Principal.of(1000, 60))).isEqualTo(Level.READ);
    }

    @Test
    void theMostPermissiveGroupRuleApplies() {
        assertThat(rules.of(Principal.of(2000, 50, 60))).isEqualTo(Level.WRITE);
        assertThat(rules.of(Principal.of(2000, 50))).isEqualTo(Level.NONE);
    }

    @Test
    void withoutAMatchingRuleTheShareIsOpen() {
        assertThat(rules.of(Principal.of(3000, 3000))).isEqualTo(Level.WRITE);
    }

    @Test
    void admissionRefusesNoneAndReadMakesTheShareReadOnlyForThatCaller() {
        ShareOptions o = ShareOptions.DEFAULTS.withAccess(rules);
        assertThatThrownBy(() -> o.admit("s", AuthContext.internal(Principal.of(1001, 1001))))
                .isInstanceOfSatisfying(
                        FsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThat(o.readOnlyFor(Principal.of(1000, 1000))).isTrue();
        assertThat(o.readOnlyFor(Principal.of(3000, 3000))).isFalse();
        assertThat(o.withReadOnly(true).readOnlyFor(Principal.of(3000, 3000))).isTrue();
        assertThat(o.withSquash(Squash.ROOT).access()).isEqualTo(rules);
    }
}
