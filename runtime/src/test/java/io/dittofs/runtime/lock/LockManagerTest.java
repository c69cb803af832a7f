package io.dittofs.runtime.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockManagerTest {
    private final LockManager locks = new LockManager();
    private final FileKey file = new FileKey(1, 42);
    private final LockOwner nfs = new LockOwner("nlm:host-a:17");
    private final LockOwner smb = new LockOwner("smb:session-9:3");

    @Test
    void exclusiveLocksOfDifferentOwnersConflictOnlyWhereTheyOverlap() {
        assertThat(locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 100)))
                .isEmpty();
        assertThat(locks.tryLock(file, smb, LockType.EXCLUSIVE, ByteRange.of(50, 10)))
                .hasValueSatisfying(c -> assertThat(c.owner()).isEqualTo(nfs));
        assertThat(locks.tryLock(file, smb, LockType.EXCLUSIVE, ByteRange.of(100, 10)))
                .isEmpty();
        assertThat(locks.tryLock(new FileKey(2, 42), smb, LockType.EXCLUSIVE, ByteRange.of(0, 0)))
                .as("same file id in another share is another file")
                .isEmpty();
    }

    @Test
    void sharedLocksCoexistButExcludeWriters() {
        assertThat(locks.tryLock(file, nfs, LockType.SHARED, ByteRange.of(0, 0)))
                .isEmpty();
        assertThat(locks.tryLock(file, smb, LockType.SHARED, ByteRange.of(10, 10)))
                .isEmpty();
        assertThat(locks.test(file, new LockOwner("third"), LockType.EXCLUSIVE, ByteRange.of(5, 1)))
                .isPresent();
    }

    @Test
    void anOwnersOwnLocksNeverConflictAndMergeWhenTheyTouch() {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 10));
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(10, 10));
        assertThat(locks.locks(file)).singleElement().satisfies(l -> assertThat(l.range())
                .isEqualTo(new ByteRange(0, 20)));
    }

    @Test
    void aNewLockOfTheSameOwnerReplacesTheOverlapWithItsType() {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 100));
        locks.tryLock(file, nfs, LockType.SHARED, ByteRange.of(40, 20));
        assertThat(locks.locks(file)).hasSize(3);
        assertThat(locks.tryLock(file, smb, LockType.SHARED, ByteRange.of(45, 5)))
                .isEmpty();
        assertThat(locks.tryLock(file, smb, LockType.SHARED, ByteRange.of(30, 5)))
                .isPresent();
    }

    @Test
    void unlockingTheMiddleSplitsALock() {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 100));
        locks.unlock(file, nfs, ByteRange.of(40, 20));
        assertThat(locks.locks(file))
                .extracting(Lock::range)
                .containsExactlyInAnyOrder(new ByteRange(0, 40), new ByteRange(60, 100));
        assertThat(locks.tryLock(file, smb, LockType.EXCLUSIVE, ByteRange.of(40, 20)))
                .isEmpty();
    }

    @Test
    void aWaiterIsGrantedWhenTheConflictGoesAway() throws Exception {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 0));
        CompletableFuture<Lock> waiting = locks.lockWhenAvailable(file, smb, LockType.EXCLUSIVE, ByteRange.of(5, 5));
        assertThat(waiting).isNotDone();
        locks.unlock(file, nfs, ByteRange.of(0, 0));
        Lock granted = waiting.get(5, TimeUnit.SECONDS);
        assertThat(granted.owner()).isEqualTo(smb);
        assertThat(locks.test(file, nfs, LockType.SHARED, ByteRange.of(6, 1))).isPresent();
    }

    @Test
    void aProbeHearsTheLockIsFreeAndTakesNothing() throws Exception {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 10));
        CompletableFuture<Lock> free = locks.whenLockable(file, smb, LockType.SHARED, ByteRange.of(5, 1));
        locks.unlock(file, nfs, ByteRange.of(8, 2)); // the conflict remains
        assertThat(free).isNotDone();
        locks.unlock(file, nfs, ByteRange.of(0, 10));
        assertThat(free.get(5, TimeUnit.SECONDS).owner()).isEqualTo(smb);
        assertThat(locks.locks(file)).isEmpty();
        assertThat(locks.whenLockable(file, smb, LockType.EXCLUSIVE, ByteRange.of(0, 1)))
                .isDone();
    }

    @Test
    void aCancelledWaiterIsNeverGranted() {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 0));
        CompletableFuture<Lock> waiting = locks.lockWhenAvailable(file, smb, LockType.EXCLUSIVE, ByteRange.of(0, 1));
        waiting.cancel(false);
        locks.releaseAll(file, nfs);
        assertThat(locks.locks(file)).isEmpty();
    }

    @Test
    void releasingAClientsOwnersFreesEveryFile() {
        locks.tryLock(file, nfs, LockType.EXCLUSIVE, ByteRange.of(0, 0));
        locks.tryLock(new FileKey(1, 43), nfs, LockType.SHARED, ByteRange.of(0, 0));
        locks.tryLock(new FileKey(1, 43), smb, LockType.SHARED, ByteRange.of(0, 0));
        locks.releaseOwners(o -> o.id().startsWith("nlm:host-a:"));
        assertThat(locks.locks(file)).isEmpty();
        assertThat(locks.locks(new FileKey(1, 43))).extracting(Lock::owner).containsExactly(smb);
    }

    @Test
    void lengthZeroMeansToTheEndOfTheFile() {
        assertThat(ByteRange.of(10, 0)).isEqualTo(new ByteRange(10, ByteRange.TO_END));
        assertThat(ByteRange.of(10, Long.MAX_VALUE)).isEqualTo(new ByteRange(10, ByteRange.TO_END));
    }
}
