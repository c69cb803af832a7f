package io.dittofs.store.block.testkit;

import static io.dittofs.store.block.testkit.Bytes.assertSameBytes;
import static io.dittofs.store.block.testkit.Bytes.contentOf;
import static io.dittofs.store.block.testkit.Bytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dittofs.store.block.BlockInfo;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.BlockStoreException;
import io.dittofs.store.block.KeyPage;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link BlockStore} contract as tests. An implementation's test class extends this one and
 * says how to make a store; persistent stores also return {@code true} from {@link
 * #survivesReopen()}. Tests are named as the sentence they check.
 *
 * <p>Each test gets a fresh store in a fresh scratch directory, closed after the test.
 */
public abstract class BlockStoreConformanceTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path scratchDir;

    private @Nullable BlockStore store;

    /** A new, empty store whose files (if any) live under {@code scratchDir}. */
    protected abstract BlockStore createStore(Path scratchDir);

    /** Whether objects put before {@link BlockStore#close()} are there after {@link #reopen}. */
    protected boolean survivesReopen() {
        return false;
    }

    /** The store over {@code scratchDir} again, after the first one was closed. */
    protected BlockStore reopen(Path scratchDir) {
        return createStore(scratchDir);
    }

    /** The store under test. */
    protected final BlockStore store() {
        BlockStore s = store;
        if (s == null) {
            throw new IllegalStateException("no open store");
        }
        return s;
    }

    /** The directory the store under test was created in. */
    protected final Path scratchDir() {
        return scratchDir;
    }

    @BeforeEach
    void openStore() {
        store = createStore(scratchDir);
    }

    @AfterEach
    void closeStore() {
        BlockStore s = store;
        store = null;
        if (s != null) {
            s.close();
        }
    }

    // ---- put and get --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 5 * MIB})
    void getReturnsExactlyTheBytesThatWerePut(int size) {
        byte[] data = pattern(size, 1);

        store().put("obj", ByteBuffer.wrap(data));

        assertSameBytes(contentOf(store().get("obj")), data);
        assertThat(store().stat("obj")).contains(new BlockInfo("obj", size));
    }

    @Test
    void putReplacesTheWholeOldObject() {
        store().put("a/b", ByteBuffer.wrap(pattern(1000, 1)));
        byte[] shorter = pattern(10, 2);

        store().put("a/b", ByteBuffer.wrap(shorter));

        assertSameBytes(contentOf(store().get("a/b")), shorter);
        assertThat(store().stat("a/b")).contains(new BlockInfo("a/b", 10));
    }

    @Test
    void putStoresOnlyTheBytesBetweenPositionAndLimit() {
        byte[] data = pattern(100, 3);
        ByteBuffer buffer = ByteBuffer.wrap(data).position(10).limit(30);

        store().put("k", buffer);

        assertSameBytes(contentOf(store().get("k")), Arrays.copyOfRange(data, 10, 30));
    }

    @Test
    void putLeavesTheCallersPositionAndLimitUnchanged() {
        ByteBuffer heap = ByteBuffer.wrap(pattern(100, 4)).position(10).limit(30);
        ByteBuffer direct = ByteBuffer.allocateDirect(100).position(5).limit(60);

        store().put("heap", heap);
        store().put("direct", direct);

        assertThat(heap.position()).isEqualTo(10);
        assertThat(heap.limit()).isEqualTo(30);
        assertThat(direct.position()).isEqualTo(5);
        assertThat(direct.limit()).isEqualTo(60);
    }

    @Test
    void changingTheCallersBufferAfterPutDoesNotChangeTheStoredObject() {
        byte[] array = pattern(64, 5);
        byte[] original = array.clone();
        ByteBuffer direct = ByteBuffer.allocateDirect(64).put(array).flip();
        store().put("heap", ByteBuffer.wrap(array));
        store().put("direct", direct);

        Arrays.fill(array, (byte) 0);
        direct.put(0, new byte[64]);

        assertSameBytes(contentOf(store().get("heap")), original);
        assertSameBytes(contentOf(store().get("direct")), original);
    }

    @Test
    void putAcceptsReadOnlyAndDirectBuffers() {
        byte[] data = pattern(4096, 6);

        store().put("read-only", ByteBuffer.wrap(data).asReadOnlyBuffer());
        store().put("direct", ByteBuffer.allocateDirect(data.length).put(data).flip());

        assertSameBytes(contentOf(store().get("read-only")), data);
        assertSameBytes(contentOf(store().get("direct")), data);
    }

    @Test
    void getReturnsAReadOnlyBufferPositionedAtZero() {
        store().put("k", ByteBuffer.wrap(pattern(100, 7)));

        ByteBuffer whole = store().get("k").orElseThrow();
        ByteBuffer range = store().get("k", 10, 20).orElseThrow();

        assertThat(whole.isReadOnly()).isTrue();
        assertThat(whole.position()).isZero();
        assertThat(whole.limit()).isEqualTo(100);
        assertThat(range.isReadOnly()).isTrue();
        assertThat(range.position()).isZero();
        assertThat(range.limit()).isEqualTo(20);
        assertThatThrownBy(() -> whole.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void buffersFromSeparateGetsDoNotShareAPosition() {
        store().put("k", ByteBuffer.wrap(pattern(100, 8)));
        ByteBuffer first = store().get("k").orElseThrow();
        ByteBuffer second = store().get("k").orElseThrow();

        first.position(first.limit());

        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(100);
    }

    @Test
    void aBufferFromGetKeepsItsBytesAfterTheObjectIsReplacedOrDeleted() {
        byte[] original = pattern(100, 9);
        store().put("k", ByteBuffer.wrap(original));
        ByteBuffer whole = store().get("k").orElseThrow();
        ByteBuffer range = store().get("k", 50, 10).orElseThrow();

        store().put("k", ByteBuffer.wrap(pattern(100, 10)));
        store().delete("k");

        assertSameBytes(contentOf(whole), original);
        assertSameBytes(contentOf(range), Arrays.copyOfRange(original, 50, 60));
    }

    @Test
    void getOfAMissingKeyIsEmpty() {
        store().put("present", ByteBuffer.wrap(pattern(1, 0)));

        assertThat(store().get("absent")).isEmpty();
        assertThat(store().get("present/below")).isEmpty();
        assertThat(store().get("absent", 0, 10)).isEmpty();
        assertThat(store().stat("absent")).isEmpty();
    }

    @Test
    void statReportsTheKeyAndTheSize() {
        store().put("x/y/z", ByteBuffer.wrap(pattern(12345, 11)));
        store().put("empty", ByteBuffer.allocate(0));

        assertThat(store().stat("x/y/z")).contains(new BlockInfo("x/y/z", 12345));
        assertThat(store().stat("empty")).contains(new BlockInfo("empty", 0));
    }

    // ---- ranged get ---------------------------------------------------------------------------

    @Test
    void rangedGetFromTheStartReturnsTheFirstBytes() {
        byte[] data = putThousandBytes();

        assertSameBytes(contentOf(store().get("r", 0, 100)), Arrays.copyOfRange(data, 0, 100));
    }

    @Test
    void rangedGetFromTheMiddleReturnsThoseBytes() {
        byte[] data = putThousandBytes();

        assertSameBytes(contentOf(store().get("r", 400, 200)), Arrays.copyOfRange(data, 400, 600));
    }

    @Test
    void rangedGetRunningPastTheEndReturnsOnlyTheBytesUpToTheEnd() {
        byte[] data = putThousandBytes();

        assertSameBytes(contentOf(store().get("r", 900, 500)), Arrays.copyOfRange(data, 900, 1000));
        assertSameBytes(contentOf(store().get("r", 0, Integer.MAX_VALUE)), data);
    }

    @Test
    void rangedGetAtOrPastTheEndReturnsAnEmptyBuffer() {
        putThousandBytes();

        assertThat(contentOf(store().get("r", 1000, 10))).isEmpty();
        assertThat(contentOf(store().get("r", 1001, 10))).isEmpty();
        assertThat(contentOf(store().get("r", Long.MAX_VALUE, 10))).isEmpty();
    }

    @Test
    void zeroLengthRangedGetReturnsAnEmptyBuffer() {
        putThousandBytes();
        store().put("empty", ByteBuffer.allocate(0));

        assertThat(contentOf(store().get("r", 10, 0))).isEmpty();
        assertThat(contentOf(store().get("empty", 0, 10))).isEmpty();
    }

    @Test
    void rangedGetRejectsANegativeOffsetOrLength() {
        putThousandBytes();

        assertThatThrownBy(() -> store().get("r", -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().get("r", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private byte[] putThousandBytes() {
        byte[] data = pattern(1000, 12);
        store().put("r", ByteBuffer.wrap(data));
        return data;
    }

    // ---- delete -------------------------------------------------------------------------------

    @Test
    void deleteReturnsTrueForAnObjectAndFalseOnceItIsGone() {
        store().put("d/e", ByteBuffer.wrap(pattern(10, 13)));

        assertThat(store().delete("d/e")).isTrue();
        assertThat(store().delete("d/e")).isFalse();
        assertThat(store().delete("never/there")).isFalse();
        assertThat(store().get("d/e")).isEmpty();
        assertThat(store().stat("d/e")).isEmpty();
        assertThat(store().list("", null, 10).keys()).isEmpty();
    }

    @Test
    void deletingOneKeyLeavesItsNeighboursAlone() {
        for (String key : List.of("a", "a/b", "a/b/c", "a/b/d")) {
            store().put(key, ByteBuffer.wrap(key.getBytes(StandardCharsets.US_ASCII)));
        }

        store().delete("a/b/c");

        assertThat(listAll("")).containsExactly("a", "a/b", "a/b/d");
        assertThat(contentOf(store().get("a/b/d"))).asString().isEqualTo("a/b/d");
        store().delete("a/b/d");
        assertThat(listAll("")).containsExactly("a", "a/b");
        assertThat(contentOf(store().get("a/b"))).asString().isEqualTo("a/b");
    }

    // ---- the namespace ------------------------------------------------------------------------

    @Test
    void aKeyCanBeBothAnObjectAndThePrefixOfOtherKeys() {
        store().put("a/b/c", ByteBuffer.wrap(pattern(3, 3)));
        store().put("a", ByteBuffer.wrap(pattern(1, 1)));
        store().put("a/b", ByteBuffer.wrap(pattern(2, 2)));

        assertSameBytes(contentOf(store().get("a")), pattern(1, 1));
        assertSameBytes(contentOf(store().get("a/b")), pattern(2, 2));
        assertSameBytes(contentOf(store().get("a/b/c")), pattern(3, 3));
        assertThat(listAll("")).containsExactly("a", "a/b", "a/b/c");
        assertThat(store().delete("a/b")).isTrue();
        assertThat(listAll("")).containsExactly("a", "a/b/c");
    }

    @Test
    void keysThatDifferOnlyInCaseAreDifferentKeys() {
        store().put("Key", ByteBuffer.wrap(pattern(1, 1)));
        store().put("key", ByteBuffer.wrap(pattern(2, 2)));

        assertThat(store().stat("Key")).contains(new BlockInfo("Key", 1));
        assertThat(store().stat("key")).contains(new BlockInfo("key", 2));
        assertThat(listAll("")).containsExactly("Key", "key");
    }

    @Test
    void segmentsThatLookLikePathTricksAreOrdinaryKeys() {
        List<String> keys = List.of("-", "...", "..a", ".hidden/.x", "_", "a..", "a/.b/c..d");
        for (String key : keys) {
            store().put(key, ByteBuffer.wrap(key.getBytes(StandardCharsets.US_ASCII)));
        }

        for (String key : keys) {
            assertThat(contentOf(store().get(key))).asString().isEqualTo(key);
        }
        assertThat(listAll("")).containsExactlyElementsOf(keys);
    }

    @Test
    void keysWithLongSegmentsRoundTripAndListInOrder() {
        List<String> keys = Keys.longSegments();
        for (String key : keys) {
            store().put(key, ByteBuffer.wrap(key.getBytes(StandardCharsets.US_ASCII)));
        }

        for (String key : keys) {
            assertThat(store().stat(key)).contains(new BlockInfo(key, key.length()));
        }
        assertThat(listAll("")).containsExactlyElementsOf(keys);
        assertThat(listPaged("long/", 3)).containsExactlyElementsOf(startingWith(keys, "long/"));
        for (String key : keys) {
            assertThat(store().delete(key)).isTrue();
        }
        assertThat(listAll("")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.dittofs.store.block.testkit.Keys#invalid")
    void everyOperationRejectsAnInvalidKey(String key) {
        ByteBuffer data = ByteBuffer.wrap(pattern(10, 14));

        assertInvalidKey(() -> store().put(key, data));
        assertInvalidKey(() -> store().get(key));
        assertInvalidKey(() -> store().get(key, 0, 10));
        assertInvalidKey(() -> store().stat(key));
        assertInvalidKey(() -> store().delete(key));
        assertThat(data.position()).isZero();
        assertThat(store().list("", null, 10).keys()).isEmpty();
    }

    // ---- list ---------------------------------------------------------------------------------

    @Test
    void listOfAnEmptyStoreIsEmptyAndNotTruncated() {
        assertThat(store().list("", null, 10)).isEqualTo(new KeyPage(List.of(), false));
        assertThat(store().list("a/", "a/b", 10)).isEqualTo(new KeyPage(List.of(), false));
    }

    @Test
    void listReturnsEveryKeyInAscendingOrder() {
        List<String> keys = putAll(Keys.nested());

        assertThat(store().list("", null, 1000)).isEqualTo(new KeyPage(keys, false));
    }

    @Test
    void listOrdersByTheWholeKeyNotDirectoryByDirectory() {
        putAll(List.of("b", "a/b/c", "a_", "aB", "a0", "a/b", "a.b/e", "a.b", "a-c/d", "a-c", "a", "A"));

        assertThat(listAll(""))
                .containsExactly("A", "a", "a-c", "a-c/d", "a.b", "a.b/e", "a/b", "a/b/c", "a0", "aB", "a_", "b");
    }

    @Test
    void listWithAPrefixReturnsOnlyKeysThatStartWithIt() {
        putAll(List.of("a/b", "a/b-", "a/b/c", "a/bc", "a/c", "ab", "b"));

        assertThat(listAll("a/b")).containsExactly("a/b", "a/b-", "a/b/c", "a/bc");
        assertThat(listAll("a/b/")).containsExactly("a/b/c");
        assertThat(listAll("a")).containsExactly("a/b", "a/b-", "a/b/c", "a/bc", "a/c", "ab");
        assertThat(listAll("a/")).containsExactly("a/b", "a/b-", "a/b/c", "a/bc", "a/c");
        assertThat(listAll("z")).isEmpty();
        assertThat(listAll("a/b/c/")).isEmpty();
    }

    @Test
    void listPagesVisitEveryKeyExactlyOnce() {
        List<String> keys = putAll(Keys.nested());

        assertThat(listPaged("", 7)).containsExactlyElementsOf(keys);
        assertThat(listPaged("a", 7)).containsExactlyElementsOf(startingWith(keys, "a"));
        assertThat(listPaged("a/", 1)).containsExactlyElementsOf(startingWith(keys, "a/"));
        assertThat(listPaged("B/n3", 2)).containsExactlyElementsOf(startingWith(keys, "B/n3"));
    }

    @Test
    void listStartsAfterAStartAfterThatIsNotAKey() {
        putAll(List.of("a/b", "a/b/c", "a/b/d", "a/c", "b"));

        assertThat(listAll("", "a/b/c0")).containsExactly("a/b/d", "a/c", "b");
        assertThat(listAll("", "a/b/")).containsExactly("a/b/c", "a/b/d", "a/c", "b");
        assertThat(listAll("", "a/b-")).containsExactly("a/b/c", "a/b/d", "a/c", "b");
        assertThat(listAll("", "a/bz")).containsExactly("a/c", "b");
        assertThat(listAll("a/", "0")).containsExactly("a/b", "a/b/c", "a/b/d", "a/c");
        assertThat(listAll("a/", "b")).isEmpty();
        assertThat(listAll("", "c")).isEmpty();
    }

    @Test
    void aPageHoldingExactlyTheLastKeysIsNotTruncated() {
        putAll(List.of("k1", "k2", "k3", "k4", "k5"));

        assertThat(store().list("", null, 5)).isEqualTo(new KeyPage(List.of("k1", "k2", "k3", "k4", "k5"), false));
        assertThat(store().list("", null, 4)).isEqualTo(new KeyPage(List.of("k1", "k2", "k3", "k4"), true));
        assertThat(store().list("", "k4", 1)).isEqualTo(new KeyPage(List.of("k5"), false));
        assertThat(store().list("", "k5", 1)).isEqualTo(new KeyPage(List.of(), false));
    }

    @Test
    void listNoLongerShowsDeletedKeys() {
        putAll(List.of("a/b/c", "a/b/d", "a/e"));

        store().delete("a/b/c");
        store().delete("a/b/d");

        assertThat(listAll("")).containsExactly("a/e");
        assertThat(listAll("a/b")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"/a", "a//", "..", "a/../", "a b", "/"})
    void listRejectsAnInvalidPrefix(String prefix) {
        assertInvalidKey(() -> store().list(prefix, null, 10));
    }

    @Test
    void listRejectsALimitBelowOne() {
        assertThatThrownBy(() -> store().list("", null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().list("", null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- capacity, concurrency, persistence ---------------------------------------------------

    @Test
    void capacityReportsSomeSpace() {
        assertThat(store().capacity().totalBytes()).isPositive();
    }

    @Test
    void concurrentReadersNeverSeeATornObject() throws Exception {
        new ConcurrencyDrill(store()).run();
    }

    @Test
    void concurrentPutsAndDeletesInOneDirectoryDoNotLoseObjects() throws Exception {
        new ConcurrencyDrill(store()).churn();
    }

    @Test
    void objectsSurviveClosingAndReopeningTheStore() {
        assumeTrue(survivesReopen(), "store is not persistent");
        byte[] big = pattern(MIB, 15);
        store().put("big", ByteBuffer.wrap(big));
        store().put("empty", ByteBuffer.allocate(0));
        store().put("a/b/c", ByteBuffer.wrap(pattern(10, 16)));
        store().put("a/b/c", ByteBuffer.wrap(pattern(20, 17)));
        store().put("gone/soon", ByteBuffer.wrap(pattern(5, 18)));
        store().delete("gone/soon");

        BlockStore first = store();
        store = null;
        first.close();
        store = reopen(scratchDir);

        assertSameBytes(contentOf(store().get("big")), big);
        assertThat(store().stat("empty")).contains(new BlockInfo("empty", 0));
        assertSameBytes(contentOf(store().get("a/b/c")), pattern(20, 17));
        assertThat(store().get("gone/soon")).isEmpty();
        assertThat(listAll("")).containsExactly("a/b/c", "big", "empty");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<String> putAll(List<String> keys) {
        for (String key : keys) {
            store().put(key, ByteBuffer.wrap(key.getBytes(StandardCharsets.US_ASCII)));
        }
        return keys.stream().sorted().toList();
    }

    private List<String> listAll(String prefix) {
        return listAll(prefix, null);
    }

    private List<String> listAll(String prefix, @Nullable String startAfter) {
        KeyPage page = store().list(prefix, startAfter, 100_000);
        assertThat(page.truncated()).isFalse();
        return page.keys();
    }

    /** Every key under {@code prefix}, fetched {@code limit} at a time, checking each page. */
    private List<String> listPaged(String prefix, int limit) {
        List<String> all = new ArrayList<>();
        @Nullable String after = null;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages").isLessThan(100_000);
            KeyPage page = store().list(prefix, after, limit);
            assertThat(page.keys()).hasSizeLessThanOrEqualTo(limit);
            if (page.truncated()) {
                assertThat(page.keys()).as("a truncated page").isNotEmpty();
            }
            all.addAll(page.keys());
            if (!page.truncated()) {
                return all;
            }
            after = page.keys().getLast();
        }
    }

    private static List<String> startingWith(List<String> keys, String prefix) {
        return keys.stream().filter(k -> k.startsWith(prefix)).toList();
    }

    private static void assertInvalidKey(ThrowingCallable call) {
        Consumer<BlockStoreException> invalidKey =
                e -> assertThat(e.kind()).isEqualTo(BlockStoreException.Kind.INVALID_KEY);
        assertThatThrownBy(call).isInstanceOfSatisfying(BlockStoreException.class, invalidKey);
    }
}
