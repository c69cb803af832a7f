package io.dittofs.store.metadata.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.Xattrs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The extended-attribute part of the metadata store contract ({@link io.dittofs.store.metadata.XattrWriter}). */
public interface XattrConformance extends StoreUnderTest {

    private Optional<byte[]> xattrOf(long id, String name) {
        return current().read(r -> r.xattr(id, name));
    }

    private List<String> namesOf(long id) {
        return current().read(r -> r.xattrNames(id));
    }

    @Test
    default void anXattrIsSetReadReplacedAndRemoved() {
        long id = newFileInode();
        assertThat(xattrOf(id, "user.a")).isEmpty();
        change(w -> w.putXattr(id, "user.a", "one".getBytes(UTF_8)));
        assertThat(xattrOf(id, "user.a")).hasValueSatisfying(v -> assertThat(v).isEqualTo("one".getBytes(UTF_8)));
        change(w -> w.putXattr(id, "user.a", new byte[0]));
        assertThat(xattrOf(id, "user.a")).as("an empty value is a value").hasValueSatisfying(v -> assertThat(v)
                .isEmpty());
        assertThat(current().<Boolean>write(Durability.SYNC, w -> w.removeXattr(id, "user.a")))
                .isTrue();
        assertThat(current().<Boolean>write(Durability.SYNC, w -> w.removeXattr(id, "user.a")))
                .isFalse();
        assertThat(xattrOf(id, "user.a")).isEmpty();
        assertThat(namesOf(id)).isEmpty();
    }

    @Test
    default void xattrNamesAreListedInUtf8OrderPerInode() {
        long a = newFileInode();
        long b = newFileInode();
        change(w -> {
            for (String n : List.of("user.z", "user.\uD83D\uDE00", "user.A", "user.\uFFFD", "trusted.x", "user.a")) {
                w.putXattr(a, n, n.getBytes(UTF_8));
            }
            w.putXattr(b, "user.only", new byte[] {1});
        });
        List<String> expected =
                new ArrayList<>(List.of("user.z", "user.\uD83D\uDE00", "user.A", "user.\uFFFD", "trusted.x", "user.a"));
        expected.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(UTF_8), y.getBytes(UTF_8)));
        assertThat(namesOf(a)).containsExactlyElementsOf(expected);
        assertThat(namesOf(b)).containsExactly("user.only");
        assertThat(xattrOf(b, "user.A")).as("names are case-sensitive").isEmpty();
    }

    @Test
    default void xattrValuesUpToTheLimitRoundTripAndLargerAreRefused() {
        long id = newFileInode();
        byte[] max = new byte[Xattrs.MAX_VALUE_BYTES];
        for (int i = 0; i < max.length; i++) {
            max[i] = (byte) (i * 31);
        }
        String longName = "u".repeat(Xattrs.MAX_NAME_BYTES);
        change(w -> w.putXattr(id, longName, max));
        assertThat(xattrOf(id, longName)).hasValueSatisfying(v -> assertThat(v).isEqualTo(max));
        assertThatThrownBy(() -> change(w -> w.putXattr(id, "user.big", new byte[Xattrs.MAX_VALUE_BYTES + 1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change(w -> w.putXattr(id, longName + "u", new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change(w -> w.putXattr(id, "", new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change(w -> w.putXattr(id, "a\u0000b", new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(namesOf(id)).containsExactly(longName);
    }

    @Test
    default void theStoreKeepsItsOwnCopyOfAValue() {
        long id = newFileInode();
        byte[] value = {1, 2, 3};
        change(w -> w.putXattr(id, "user.c", value));
        value[0] = 9;
        byte[] read = xattrOf(id, "user.c").orElseThrow();
        assertThat(read).containsExactly(1, 2, 3);
        read[1] = 9;
        assertThat(xattrOf(id, "user.c").orElseThrow()).containsExactly(1, 2, 3);
    }

    @Test
    default void deletingTheInodeRemovesItsXattrs() {
        long id = newFileInode();
        long other = newFileInode();
        change(w -> {
            w.putXattr(id, "user.a", new byte[] {1});
            w.putXattr(id, "user.b", new byte[] {2});
            w.putXattr(other, "user.a", new byte[] {3});
        });
        change(w -> w.deleteInode(id));
        assertThat(namesOf(id)).isEmpty();
        assertThat(xattrOf(id, "user.a")).isEmpty();
        assertThat(xattrOf(other, "user.a"))
                .hasValueSatisfying(v -> assertThat(v).containsExactly(3));
    }

    @Test
    default void xattrChangesAreAtomicWithTheRestOfTheTransaction() {
        long id = newFileInode();
        change(w -> w.putXattr(id, "user.keep", new byte[] {1}));
        assertThatThrownBy(() -> change(w -> {
                    w.putXattr(id, "user.new", new byte[] {2});
                    w.removeXattr(id, "user.keep");
                    assertThat(w.xattrNames(id))
                            .as("the transaction sees its own changes")
                            .containsExactly("user.new");
                    assertThat(w.xattr(id, "user.new")).isPresent();
                    w.deleteInode(id);
                    throw new IllegalStateException("abort");
                }))
                .hasMessage("abort");
        assertThat(namesOf(id)).containsExactly("user.keep");
        assertThat(current().<Optional<Inode>>read(r -> r.inode(id))).isPresent();
    }

    @Test
    default void xattrsSurviveReopen() throws Exception {
        assumeTrue(durable(), "store is not persistent");
        long id = newFileInode();
        change(w -> w.putXattr(id, "user.d", new byte[] {4, 5}));
        reopened();
        assertThat(xattrOf(id, "user.d")).hasValueSatisfying(v -> assertThat(v).containsExactly(4, 5));
    }
}
