package io.dittofs.store.metadata.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void idsAreBigEndianFixedWidth() {
        assertThat(HexFormat.of().formatHex(Keys.byCookie(0x0102, 3))).isEqualTo("00000000000001020000000000000003");
        assertThat(Keys.getLong(Keys.id(Long.MAX_VALUE), 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(Keys.getLong(Keys.id(-5), 0)).isEqualTo(-5);
    }

    @Test
    void bytewiseOrderOfCookieKeysIsNumericOrder() {
        long[] cookies = {3, 4, 255, 256, 65_535, 65_536, 1L << 40, Long.MAX_VALUE};
        List<byte[]> keys = new ArrayList<>();
        for (int i = cookies.length - 1; i >= 0; i--) {
            keys.add(Keys.byCookie(7, cookies[i]));
        }
        keys.sort(Arrays::compareUnsigned);
        for (int i = 0; i < cookies.length; i++) {
            assertThat(Keys.getLong(keys.get(i), Keys.ID)).isEqualTo(cookies[i]);
        }
    }

    @Test
    void foldedKeysOfOneNameShareThePrefixAndEndInTheCookie() {
        byte[] prefix = Keys.foldedPrefix(9, "README");
        byte[] lower = Keys.byFoldedName(9, "readme", 3);
        byte[] mixed = Keys.byFoldedName(9, "ReadMe", 4);
        assertThat(Keys.hasPrefix(lower, prefix)).isTrue();
        assertThat(Keys.hasPrefix(mixed, prefix)).isTrue();
        assertThat(prefix[prefix.length - 1]).isZero();
        assertThat(Keys.getLong(mixed, prefix.length)).isEqualTo(4);
        assertThat(Arrays.compareUnsigned(lower, mixed)).isNegative();
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAccepted() {
        assertThat(Keys.utf8("\uD83D\uDE00")).hasSize(4);
        assertThatThrownBy(() -> Keys.utf8("\uD83D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.utf8("\uDE00\uD83D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.utf8("a\uD83Db")).isInstanceOf(IllegalArgumentException.class);
    }
}
