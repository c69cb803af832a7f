package io.dittofs.smb.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import org.junit.jupiter.api.Test;

class PathsTest {
    @Test
    void pathsSplitOnBackslashesAndTheRootIsEmpty() {
        assertThat(Paths.split("")).isEmpty();
        assertThat(Paths.split("a\\b\\c.txt")).containsExactly("a", "b", "c.txt");
        assertThat(Paths.split("a\\b\\")).containsExactly("a", "b");
    }

    @Test
    void aLeadingBackslashIsInvalid() {
        assertThatThrownBy(() -> Paths.split("\\a"))
                .isInstanceOfSatisfying(SmbProtocolException.class, e -> assertThat(e.status())
                        .isEqualTo(NtStatus.STATUS_INVALID_PARAMETER));
    }

    @Test
    void windowsInvalidAndReservedNamesAreRefused() {
        for (String bad :
                new String[] {"a:b", "a*", "q?", "x<y", "p|q", "tab\t", "..", "CON", "nul.txt", "Com1", "LPT9.log"}) {
            assertThatThrownBy(() -> Paths.validate(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(SmbProtocolException.class, e -> assertThat(e.status())
                            .isEqualTo(NtStatus.STATUS_OBJECT_NAME_INVALID));
        }
        for (String ok : new String[] {"console", "COM10", "LPT0", "nulls.txt", "résumé.pdf", "a b"}) {
            Paths.validate(ok);
        }
    }
}
