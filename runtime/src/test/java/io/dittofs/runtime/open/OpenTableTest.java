package io.dittofs.runtime.open;

import static io.dittofs.runtime.open.OpenMode.DELETE;
import static io.dittofs.runtime.open.OpenMode.READ;
import static io.dittofs.runtime.open.OpenMode.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.lock.FileKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OpenTableTest {
    private static final FileKey FILE = new FileKey(7, 42);
    private static final FileKey OTHER_FILE = new FileKey(7, 43);

    private final OpenTable table = new OpenTable();

    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (FsException e) {
            return e.code();
        }
    }

    @Test
    void denyWriteKeepsWritersOutButLetsReadersIn() {
        table.open(FILE, "smb:a", new OpenMode(READ, WRITE));
        assertThat(codeOf(() -> table.open(FILE, "nfs4:b", new OpenMode(WRITE, 0))))
                .isEqualTo(ErrorCode.SHARING_VIOLATION);
        assertThat(codeOf(() -> table.open(FILE, "nfs4:b", new OpenMode(READ, 0))))
                .isNull();
    }

    @Test
    void aNewOpenThatDeniesWhatAnExistingOpenDoesIsRefused() {
        table.open(FILE, "nfs4:b", new OpenMode(WRITE, 0));
        assertThat(codeOf(() -> table.open(FILE, "smb:a", new OpenMode(READ, WRITE))))
                .isEqualTo(ErrorCode.SHARING_VIOLATION);
    }

    @Test
    void shareModesApplyBetweenOpensOfOneHolderToo() {
        table.open(FILE, "smb:a", new OpenMode(READ, READ | WRITE | DELETE));
        assertThat(codeOf(() -> table.open(FILE, "smb:a", new OpenMode(READ, 0))))
                .isEqualTo(ErrorCode.SHARING_VIOLATION);
    }

    @Test
    void attributeOnlyOpensNeverConflictOnAccess() {
        table.open(FILE, "smb:a", new OpenMode(READ, READ | WRITE | DELETE));
        assertThat(codeOf(() -> table.open(FILE, "smb:b", new OpenMode(0, 0)))).isNull();
    }

    @Test
    void otherFilesAreUnaffected() {
        table.open(FILE, "smb:a", new OpenMode(READ | WRITE, READ | WRITE | DELETE));
        assertThat(codeOf(() -> table.open(OTHER_FILE, "smb:b", new OpenMode(READ | WRITE, 0))))
                .isNull();
    }

    @Test
    void closeReportsTheLastCloseAndFreesTheReservation() {
        OpenHandle first = table.open(FILE, "smb:a", new OpenMode(READ, WRITE));
        OpenHandle second = table.open(FILE, "smb:b", new OpenMode(READ, 0));
        assertThat(table.close(first)).isEqualTo(new CloseResult(false, false));
        assertThat(table.close(first)).isEqualTo(new CloseResult(false, false));
        assertThat(table.openCount(FILE)).isEqualTo(1);
        table.open(FILE, "smb:c", new OpenMode(WRITE, 0));
        assertThat(table.close(second)).isEqualTo(new CloseResult(false, false));
    }

    @Test
    void deletePendingRefusesNewOpensAndDeletesAtTheLastClose() {
        OpenHandle a = table.open(FILE, "smb:a", new OpenMode(DELETE, 0));
        OpenHandle b = table.open(FILE, "smb:b", new OpenMode(READ, 0));
        table.setDeletePending(FILE, true);
        assertThat(table.isDeletePending(FILE)).isTrue();
        assertThat(codeOf(() -> table.open(FILE, "smb:c", new OpenMode(READ, 0))))
                .isEqualTo(ErrorCode.DELETE_PENDING);
        assertThat(table.close(a)).isEqualTo(new CloseResult(false, false));
        assertThat(table.close(b)).isEqualTo(new CloseResult(true, true));
        // The file is gone from the table: a new file with the same id starts clean.
        assertThat(table.isDeletePending(FILE)).isFalse();
        assertThat(codeOf(() -> table.open(FILE, "smb:c", new OpenMode(READ, 0))))
                .isNull();
    }

    @Test
    void deletePendingCanBeCleared() {
        OpenHandle a = table.open(FILE, "smb:a", new OpenMode(DELETE, 0));
        table.setDeletePending(FILE, true);
        table.setDeletePending(FILE, false);
        assertThat(table.close(a)).isEqualTo(new CloseResult(true, false));
    }

    @Test
    void deletePendingOnAFileNobodyHasOpenIsIgnored() {
        table.setDeletePending(FILE, true);
        assertThat(table.isDeletePending(FILE)).isFalse();
    }

    @Test
    void countsOpensPerShare() {
        OpenHandle a = table.open(FILE, "smb:a", new OpenMode(READ, 0));
        table.open(OTHER_FILE, "smb:a", new OpenMode(READ, 0));
        table.open(new FileKey(8, 42), "smb:a", new OpenMode(READ, 0));
        assertThat(table.openCount(7)).isEqualTo(2);
        assertThat(table.openCount(8)).isEqualTo(1);
        assertThat(table.openCount(9)).isZero();
        table.close(a);
        table.close(a);
        assertThat(table.openCount(7)).isEqualTo(1);
    }

    @Test
    void downgradeAndUpgradeAreCheckedAgainstTheOtherOpens() {
        OpenHandle mine = table.open(FILE, "nfs4:a", new OpenMode(READ | WRITE, WRITE));
        assertThatThrownBy(() -> table.open(FILE, "nfs4:b", new OpenMode(WRITE, 0)))
                .isInstanceOf(FsException.class);
        table.changeMode(mine, new OpenMode(READ, 0));
        assertThat(mine.mode()).isEqualTo(new OpenMode(READ, 0));
        OpenHandle theirs = table.open(FILE, "nfs4:b", new OpenMode(WRITE, 0));
        assertThat(codeOf(() -> table.changeMode(mine, new OpenMode(READ, WRITE))))
                .isEqualTo(ErrorCode.SHARING_VIOLATION);
        assertThat(mine.mode()).isEqualTo(new OpenMode(READ, 0));
        table.close(theirs);
        table.changeMode(mine, new OpenMode(READ, WRITE));
    }

    @Test
    void modeSubsetAndValidation() {
        assertThat(new OpenMode(READ, 0).isSubsetOf(new OpenMode(READ | WRITE, WRITE)))
                .isTrue();
        assertThat(new OpenMode(READ, READ).isSubsetOf(new OpenMode(READ | WRITE, WRITE)))
                .isFalse();
        assertThatThrownBy(() -> new OpenMode(8, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private record Break(CachingGrant grant, int level) {}

    private final List<Break> breaks = new CopyOnWriteArrayList<>();

    private CachingGrant grant(String holder, int level) {
        return table.tryGrant(FILE, holder, level, (g, to) -> breaks.add(new Break(g, to)))
                .orElseThrow();
    }

    @Test
    void readCachingIsSharedButWriteCachingIsExclusive() {
        grant("smb:a", Caching.READ | Caching.HANDLE);
        grant("nfs4:b", Caching.READ);
        assertThat(table.tryGrant(FILE, "smb:c", Caching.READ | Caching.WRITE, (g, l) -> {}))
                .isEmpty();
    }

    @Test
    void noReadCachingWhileSomeoneElseHasTheFileOpenForWrite() {
        table.open(FILE, "nfs4:b", new OpenMode(WRITE, 0));
        assertThat(table.tryGrant(FILE, "smb:a", Caching.READ, (g, l) -> {})).isEmpty();
        // ...but one's own write open does not stand in one's way.
        assertThat(table.tryGrant(FILE, "nfs4:b", Caching.READ | Caching.WRITE, (g, l) -> {}))
                .isPresent();
    }

    @Test
    void aWriterBreaksReadCachingAndTheFutureWaitsForTheAck() {
        CachingGrant lease = grant("smb:a", Caching.READ | Caching.HANDLE);
        CompletableFuture<Void> done = table.breakConflicting(FILE, "nfs4:b", BreakIntent.OPEN_WRITE);
        assertThat(breaks).containsExactly(new Break(lease, Caching.HANDLE));
        assertThat(done).isNotDone();
        assertThat(lease.breakingTo()).isEqualTo(Caching.HANDLE);
        // A second writer while the break is outstanding sends no second break, and waits too.
        CompletableFuture<Void> again = table.breakConflicting(FILE, "nfs4:c", BreakIntent.MODIFY);
        assertThat(breaks).hasSize(1);
        table.acknowledge(lease, Caching.HANDLE);
        assertThat(done).isDone();
        assertThat(again).isDone();
        assertThat(lease.level()).isEqualTo(Caching.HANDLE);
        assertThat(lease.breakingTo()).isEqualTo(-1);
    }

    @Test
    void aReaderOnlyBreaksWriteCaching() {
        CachingGrant lease = grant("smb:a", Caching.READ | Caching.WRITE | Caching.HANDLE);
        CompletableFuture<Void> done = table.breakConflicting(FILE, "smb:b", BreakIntent.OPEN_READ);
        assertThat(breaks).containsExactly(new Break(lease, Caching.READ | Caching.HANDLE));
        table.release(lease);
        assertThat(done).isDone();
        assertThat(lease.level()).isEqualTo(Caching.NONE);
    }

    @Test
    void aDeleteBreaksHandleCaching() {
        CachingGrant lease = grant("smb:a", Caching.READ | Caching.HANDLE);
        table.breakConflicting(FILE, "smb:b", BreakIntent.NAMESPACE);
        assertThat(breaks).containsExactly(new Break(lease, Caching.READ));
    }

    @Test
    void ownOperationsAndHarmlessOnesBreakNothing() {
        grant("smb:a", Caching.READ | Caching.HANDLE);
        assertThat(table.breakConflicting(FILE, "smb:a", BreakIntent.OPEN_WRITE))
                .isDone();
        assertThat(table.breakConflicting(FILE, "smb:b", BreakIntent.OPEN_READ)).isDone();
        assertThat(table.breakConflicting(OTHER_FILE, "smb:b", BreakIntent.NAMESPACE))
                .isDone();
        assertThat(breaks).isEmpty();
    }

    @Test
    void anAckThatKeepsTooMuchLeavesTheBreakOutstanding() {
        CachingGrant lease = grant("smb:a", Caching.READ | Caching.HANDLE);
        CompletableFuture<Void> done = table.breakConflicting(FILE, "smb:b", BreakIntent.NAMESPACE);
        table.acknowledge(lease, Caching.READ | Caching.HANDLE);
        assertThat(done).isNotDone();
        table.revoke(lease);
        assertThat(done).isDone();
        // Revoked grants are gone: the file can be cached by someone else now.
        assertThat(table.tryGrant(FILE, "smb:b", Caching.READ | Caching.WRITE, (g, l) -> {}))
                .isPresent();
    }

    @Test
    void concurrentOpensAndClosesKeepTheCountsExact() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        FileKey key = new FileKey(7, i % 16);
                        OpenHandle h = table.open(key, "smb:" + thread, new OpenMode(READ, 0));
                        table.close(h);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(table.openCount(7)).isZero();
        for (int i = 0; i < 16; i++) {
            assertThat(table.opens(new FileKey(7, i))).isEmpty();
        }
    }
}
