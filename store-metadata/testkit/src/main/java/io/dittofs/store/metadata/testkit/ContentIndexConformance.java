package io.dittofs.store.metadata.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.store.metadata.ChunkRecord;
import io.dittofs.store.metadata.ContentExtent;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.PackRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The content map and chunk index part of the metadata store contract, run by {@link
 * MetadataStoreConformanceTest} against every implementation.
 */
public abstract class ContentIndexConformance {

    /** The store under test. */
    protected abstract MetadataStore store();

    /** Closes and opens the store again; only called when {@link #keepsContents()}. */
    protected abstract MetadataStore reopenStore() throws Exception;

    /** Whether the store keeps its contents across a reopen. */
    protected abstract boolean keepsContents();

    private static String id(int n) {
        return String.format("%064x", n);
    }

    private List<ContentExtent> extents(long fileId, long from, int limit) {
        return store().read(r -> r.extents(fileId, from, limit));
    }

    private java.util.Optional<ChunkRecord> chunk(String chunkId) {
        return store().read(r -> r.chunk(chunkId));
    }

    private java.util.Optional<PackRecord> pack(String packKey) {
        return store().read(r -> r.pack(packKey));
    }

    private boolean deleteExtent(long fileId, long offset) {
        Boolean deleted = store().write(Durability.SYNC, w -> w.deleteExtent(fileId, offset));
        return deleted;
    }

    private boolean deleteChunk(String chunkId) {
        Boolean deleted = store().write(Durability.SYNC, w -> w.deleteChunk(chunkId));
        return deleted;
    }

    private void putExtents(long fileId, long... offsetsAndLengths) {
        store().write(Durability.SYNC, w -> {
            for (int i = 0; i < offsetsAndLengths.length; i += 2) {
                w.putExtent(new ContentExtent(fileId, offsetsAndLengths[i], (int) offsetsAndLengths[i + 1], id(i)));
            }
            return null;
        });
    }

    @Test
    void extentsAreListedInOffsetOrderIncludingTheOneHoldingTheStart() {
        putExtents(7, 100, 50, 0, 100, 300, 10, 150, 150);
        putExtents(8, 0, 1000);
        List<ContentExtent> all = extents(7, 0, 100);
        assertThat(all).extracting(ContentExtent::offset).containsExactly(0L, 100L, 150L, 300L);
        assertThat(all.get(1)).isEqualTo(new ContentExtent(7, 100, 50, id(0)));
        assertThat(extents(7, 120, 100)).extracting(ContentExtent::offset).containsExactly(100L, 150L, 300L);
        assertThat(extents(7, 150, 100)).extracting(ContentExtent::offset).containsExactly(150L, 300L);
        assertThat(extents(7, 310, 100)).isEmpty();
        assertThat(extents(7, 305, 1)).extracting(ContentExtent::offset).containsExactly(300L);
        assertThat(extents(7, 0, 2)).hasSize(2);
        assertThat(extents(9, 0, 10)).isEmpty();
    }

    @Test
    void extentsCanBeReplacedAndDeletedAndRollBackWithTheirTransaction() {
        putExtents(7, 0, 100, 100, 100);
        assertThat(deleteExtent(7, 0)).isTrue();
        assertThat(deleteExtent(7, 0)).isFalse();
        store().write(Durability.SYNC, w -> {
            w.putExtent(new ContentExtent(7, 100, 7, id(5)));
            return null;
        });
        assertThat(extents(7, 0, 10)).containsExactly(new ContentExtent(7, 100, 7, id(5)));
        assertThatThrownBy(() -> store().write(Durability.SYNC, w -> {
                    w.deleteExtent(7, 100);
                    w.putExtent(new ContentExtent(7, 500, 1, id(6)));
                    w.putChunk(new ChunkRecord(id(6), "k", 1, 1, 0));
                    throw new IllegalStateException("abort");
                }))
                .hasMessage("abort");
        assertThat(extents(7, 0, 10)).containsExactly(new ContentExtent(7, 100, 7, id(5)));
        assertThat(chunk(id(6))).isEmpty();
    }

    @Test
    void chunkRecordsKeepEveryFieldAndScanInIdOrder() throws Exception {
        store().write(Durability.SYNC, w -> {
            for (int i = 5; i > 0; i--) {
                w.putChunk(new ChunkRecord(id(i), "s1/c/" + id(i) + ".x", 1000 + i, i, i == 3 ? 0 : 0));
            }
            w.putChunk(new ChunkRecord(id(9), "obj", 4, 0, 1_700_000_000_000L));
            return null;
        });
        if (keepsContents()) {
            reopenStore();
        }
        assertThat(chunk(id(9))).contains(new ChunkRecord(id(9), "obj", 4, 0, 1_700_000_000_000L));
        List<String> scanned = new ArrayList<>();
        String after = "";
        while (true) {
            String from = after;
            List<ChunkRecord> page = store().read(r -> r.chunks(from, 2));
            page.forEach(c -> scanned.add(c.chunkId()));
            if (page.size() < 2) {
                break;
            }
            after = page.getLast().chunkId();
        }
        assertThat(scanned).containsExactly(id(1), id(2), id(3), id(4), id(5), id(9));
        store().write(Durability.SYNC, w -> {
            ChunkRecord c = w.chunk(id(2)).orElseThrow();
            w.putChunk(c.withReferences(-2, 1234));
            return null;
        });
        assertThat(chunk(id(2)).orElseThrow())
                .extracting(ChunkRecord::refCount, ChunkRecord::unreferencedSince)
                .containsExactly(0L, 1234L);
        assertThat(deleteChunk(id(2))).isTrue();
        assertThat(chunk(id(2))).isEmpty();
    }

    @Test
    void extentsSurviveAReopen() throws Exception {
        putExtents(3, 0, 65536, 65536, 1);
        if (keepsContents()) {
            reopenStore();
            assertThat(extents(3, 65536, 10)).containsExactly(new ContentExtent(3, 65536, 1, id(2)));
        }
    }

    @Test
    void packedChunkRecordsKeepTheirPlaceInThePackAndMoveWithTheirCount() throws Exception {
        ChunkRecord packed = new ChunkRecord(id(20), "s1/p/ab/pack1", 5000, 2, 0, 123_456L, 5100, -7);
        ChunkRecord whole = new ChunkRecord(id(21), "s1/c/aa/" + id(21) + ".x", 70_000, 1, 0);
        store().write(Durability.SYNC, w -> {
            w.putChunk(packed);
            w.putChunk(whole);
            return null;
        });
        if (keepsContents()) {
            reopenStore();
        }
        assertThat(chunk(id(20))).contains(packed);
        assertThat(chunk(id(20)).orElseThrow().packed()).isTrue();
        assertThat(chunk(id(21))).contains(whole);
        assertThat(chunk(id(21)).orElseThrow().packed()).isFalse();
        ChunkRecord moved = packed.withReferences(1, 0).movedTo("s1/p/cd/pack2", 0, 5099, 42);
        store().write(Durability.SYNC, w -> {
            w.putChunk(moved);
            return null;
        });
        assertThat(chunk(id(20))).contains(new ChunkRecord(id(20), "s1/p/cd/pack2", 5000, 3, 0, 0, 5099, 42));
        ChunkRecord unpacked = moved.movedTo("s1/c/aa/" + id(20) + ".y", 0, 0, 0);
        store().write(Durability.SYNC, w -> {
            w.putChunk(unpacked);
            return null;
        });
        assertThat(chunk(id(20))).contains(unpacked);
    }

    @Test
    void packRecordsKeepEveryFieldScanInKeyOrderAndRollBack() throws Exception {
        store().write(Durability.SYNC, w -> {
            for (int i = 4; i >= 0; i--) {
                w.putPack(new PackRecord("s1/p/" + i + "0/pack" + i, 100 + i, 4_000_000L + i, 50, 2_000_000L, 0));
            }
            return null;
        });
        if (keepsContents()) {
            reopenStore();
        }
        assertThat(pack("s1/p/20/pack2")).contains(new PackRecord("s1/p/20/pack2", 102, 4_000_002L, 50, 2_000_000L, 0));
        assertThat(pack("s1/p/20/pack")).isEmpty();
        List<String> scanned = new ArrayList<>();
        String after = "";
        while (true) {
            String from = after;
            List<PackRecord> page = store().read(r -> r.packs(from, 2));
            page.forEach(p -> scanned.add(p.packKey()));
            if (page.size() < 2) {
                break;
            }
            after = page.getLast().packKey();
        }
        assertThat(scanned)
                .containsExactly("s1/p/00/pack0", "s1/p/10/pack1", "s1/p/20/pack2", "s1/p/30/pack3", "s1/p/40/pack4");
        store().write(Durability.SYNC, w -> {
            PackRecord p = w.pack("s1/p/10/pack1").orElseThrow();
            w.putPack(p.withLive(-50, -2_000_000L, 999));
            // read back inside the transaction: a commit updating several chunks of one pack relies on it
            assertThat(w.pack("s1/p/10/pack1").orElseThrow().liveChunks()).isZero();
            return null;
        });
        assertThat(pack("s1/p/10/pack1").orElseThrow())
                .extracting(PackRecord::liveChunks, PackRecord::liveBytes, PackRecord::emptySince)
                .containsExactly(0, 0L, 999L);
        assertThatThrownBy(() -> store().write(Durability.SYNC, w -> {
                    w.deletePack("s1/p/00/pack0");
                    w.putPack(new PackRecord("s1/p/99/new", 1, 1, 1, 1, 0));
                    throw new IllegalStateException("abort");
                }))
                .hasMessage("abort");
        assertThat(pack("s1/p/00/pack0")).isPresent();
        assertThat(pack("s1/p/99/new")).isEmpty();
        Boolean deleted = store().write(Durability.SYNC, w -> w.deletePack("s1/p/00/pack0"));
        assertThat(deleted).isTrue();
        Boolean again = store().write(Durability.SYNC, w -> w.deletePack("s1/p/00/pack0"));
        assertThat(again).isFalse();
    }
}
