package io.dittofs.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitiesTest {
    private final Sid domain = Sid.parse("S-1-5-21-1111-2222-3333");
    private final Identities ids = new Identities(domain);

    @Test
    void registeredIdsMapToNamesAndDomainSidsBothWays() {
        ids.putUser(new User("alice", 1000, 100, List.of(100, 50), null, null));
        ids.putGroup(new Group("staff", 50));
        assertThat(ids.userName(1000)).isEqualTo("alice");
        assertThat(ids.uidOf("alice")).hasValue(1000);
        assertThat(ids.groupName(50)).isEqualTo("staff");
        assertThat(ids.gidOf("staff")).hasValue(50);
        Sid alice = ids.userSid(1000);
        assertThat(alice).hasToString("S-1-5-21-1111-2222-3333-3000");
        assertThat(ids.uidOfSid(alice)).hasValue(1000);
        Sid staff = ids.groupSid(50);
        assertThat(staff).hasToString("S-1-5-21-1111-2222-3333-1101");
        assertThat(ids.gidOfSid(staff)).hasValue(50);
        assertThat(ids.gidOfSid(alice)).isEmpty();
    }

    @Test
    void unknownIdsAreNumericNamesAndUnixSids() {
        assertThat(ids.userName(4242)).isEqualTo("4242");
        assertThat(ids.uidOf("4242")).hasValue(4242);
        assertThat(ids.uidOf("nobody-here")).isEmpty();
        assertThat(ids.userSid(4242)).hasToString("S-1-22-1-4242");
        assertThat(ids.groupSid(77)).hasToString("S-1-22-2-77");
        assertThat(ids.uidOfSid(Sid.parse("S-1-22-1-4242"))).hasValue(4242);
        assertThat(ids.uidOfSid(Sid.EVERYONE)).isEmpty();
    }

    @Test
    void aUidBelongsToOneUserOnly() {
        ids.putUser(new User("alice", 1000, 100, List.of(), null, null));
        assertThatThrownBy(() -> ids.putUser(new User("mallory", 1000, 100, List.of(), null, null)))
                .hasMessageContaining("uid 1000");
        ids.putUser(new User("alice", 1001, 100, List.of(), null, null));
        assertThat(ids.userByUid(1000)).isEmpty();
        assertThat(ids.userByUid(1001)).isPresent();
    }

    @Test
    void userStringsNeverShowCredentials() {
        User u = new User("alice", 1000, 100, List.of(), "$argon2id$secret", new byte[] {1, 2, 3});
        assertThat(u.toString()).doesNotContain("argon2").doesNotContain("secret");
    }

    @Test
    void sidTextRoundTrips() {
        assertThat(Sid.parse("S-1-5-21-4294967295-1-2-3000")).hasToString("S-1-5-21-4294967295-1-2-3000");
    }
}
