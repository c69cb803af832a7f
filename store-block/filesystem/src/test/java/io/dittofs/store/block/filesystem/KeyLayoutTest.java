package io.dittofs.store.block.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.block.BlockStoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {

    private final Path root = Path.of("/srv/blocks");
    private final KeyLayout layout = new KeyLayout(root);

    @Test
    void segmentsBecomeSuffixedDirectoriesAndTheLastOneAPlainFile() {
        assertThat(layout.objectPath("a")).isEqualTo(root.resolve("a"));
        assertThat(layout.objectPath("a/b/c")).isEqualTo(root.resolve("a+/b+/c"));
        assertThat(layout.directoryPath("a/b")).isEqualTo(root.resolve("a+/b+"));
    }

    @Test
    void longSegmentsAreCutIntoPiecesCountedFromTheEnd() {
        String segment = "." + "x".repeat(2 * KeyLayout.MAX_PIECE);

        assertThat(KeyLayout.pieces(segment))
                .containsExactly(".", "x".repeat(KeyLayout.MAX_PIECE), "x".repeat(KeyLayout.MAX_PIECE));
        assertThat(layout.objectPath("d/" + segment))
                .isEqualTo(root.resolve("d+")
                        .resolve(".=")
                        .resolve("x".repeat(KeyLayout.MAX_PIECE) + "=")
                        .resolve("x".repeat(KeyLayout.MAX_PIECE)));
        assertThat(KeyLayout.pieces("y".repeat(KeyLayout.MAX_PIECE))).hasSize(1);
    }

    @Test
    void noFileNameIsLongerThanTheFileSystemsLimit() {
        String key = "m".repeat(512);

        for (Path name : root.relativize(layout.objectPath(key))) {
            assertThat(name.toString().length()).isLessThanOrEqualTo(255);
        }
    }

    @Test
    void entriesAreKnownByTheirSuffix() {
        assertThat(KeyLayout.classify("abc")).isEqualTo(new KeyLayout.ObjectFile("abc"));
        assertThat(KeyLayout.classify("abc+")).isEqualTo(new KeyLayout.SegmentDirectory("abc"));
        assertThat(KeyLayout.classify("..=")).isEqualTo(new KeyLayout.PieceDirectory(".."));
        assertThat(KeyLayout.classify("#tmp")).isNull();
        assertThat(KeyLayout.classify("+")).isNull();
        assertThat(KeyLayout.classify("a b")).isNull();
    }

    @Test
    void aPathOutsideTheRootIsRefusedEvenIfAKeyCouldProduceIt() {
        assertThatThrownBy(() -> layout.underRoot(root.resolve("../etc/passwd")))
                .isInstanceOfSatisfying(BlockStoreException.class, e -> assertThat(e.kind())
                        .isEqualTo(BlockStoreException.Kind.INVALID_KEY));
        assertThatThrownBy(() -> layout.underRoot(root.resolve("a+/.."))).isInstanceOf(BlockStoreException.class);
        assertThat(layout.underRoot(root.resolve("a+/b"))).isEqualTo(root.resolve("a+/b"));
    }
}
