package io.dittofs.smb.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.server.CreditWindow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Credit abuse: whatever ids, charges and requests a client sends, no id is used twice and grants stay bounded. */
class CreditAbuseTest {
    @Property(tries = 500)
    void noMessageIdIsAcceptedTwiceAndOutstandingCreditsStayBounded(
            @ForAll @Size(max = 200) List<@IntRange(min = -5, max = 600) Integer> ids,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 70) Integer> charges,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 65535) Integer> requests) {
        CreditWindow w = new CreditWindow(64);
        Set<Long> used = new HashSet<>();
        int n = Math.min(ids.size(), Math.min(charges.size(), requests.size()));
        for (int i = 0; i < n; i++) {
            long id = ids.get(i);
            int charge = charges.get(i);
            if (w.consume(id, charge)) {
                for (long m = id; m < id + charge; m++) {
                    assertThat(used.add(m)).as("id %d accepted twice", m).isTrue();
                }
                w.grant(requests.get(i));
            }
            assertThat(w.outstanding()).isBetween(0L, 64L);
        }
    }
}
