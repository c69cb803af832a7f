package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileInternalInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.lock.LockOwner;
import io.dittofs.runtime.lock.LockType;
import io.dittofs.smb.SmbTestServer;
import java.util.EnumSet;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Windows byte-range lock semantics (MS-FSA 2.1.5.7, 2.1.5.8, 2.1.4.2) where they differ from
 * POSIX, on the runtime's shared lock manager, between two smbj clients.
 */
class SmbjWindowsLocksTest extends TwoClients {
    private static final byte[] TEN = new byte[10];

    private static File open(DiskShare share, String name) {
        return share.openFile(
                name,
                EnumSet.of(AccessMask.GENERIC_ALL),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN_IF,
                null);
    }

    private static void assertStatus(ThrowingCallable call, NtStatus status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                .isEqualTo(status));
    }

    @Test
    void locksOfOneOpenAreNeitherMergedNorSplitAndUnlockMustMatchExactly() {
        try (File f = open(a.share, "nomerge.bin")) {
            f.write(new byte[200], 0);
            f.requestLock().exclusiveLock(0, 10, true).send();
            // POSIX would merge or replace; Windows refuses an overlapping lock, even of the same open.
            assertStatus(() -> f.requestLock().exclusiveLock(5, 10, true).send(), NtStatus.STATUS_LOCK_NOT_GRANTED);
            assertStatus(() -> f.requestLock().unlock(0, 5).send(), NtStatus.STATUS_RANGE_NOT_LOCKED);
            f.requestLock().unlock(0, 10).send();
            assertStatus(() -> f.requestLock().unlock(0, 10).send(), NtStatus.STATUS_RANGE_NOT_LOCKED);
            // Shared locks stack: two on one range need two unlocks.
            f.requestLock().sharedLock(20, 10, true).send();
            f.requestLock().sharedLock(20, 10, true).send();
            f.requestLock().unlock(20, 10).send();
            try (File other = open(b.share, "nomerge.bin")) {
                assertStatus(() -> other.write(TEN, 20), NtStatus.STATUS_FILE_LOCK_CONFLICT);
                f.requestLock().unlock(20, 10).send();
                other.write(TEN, 20);
            }
            // Zero-length locks are kept and can be unlocked.
            f.requestLock().exclusiveLock(50, 0, true).send();
            f.requestLock().unlock(50, 0).send();
        }
    }

    @Test
    void locksAreMandatoryForSmbReadsAndWrites() {
        try (File mine = open(a.share, "mandatory.bin");
                File theirs = open(b.share, "mandatory.bin")) {
            mine.write(new byte[200], 0);
            mine.requestLock().exclusiveLock(0, 10, true).send();
            assertStatus(() -> theirs.read(new byte[5], 0), NtStatus.STATUS_FILE_LOCK_CONFLICT);
            assertStatus(() -> theirs.write(TEN, 5), NtStatus.STATUS_FILE_LOCK_CONFLICT);
            assertThat(theirs.read(new byte[5], 10)).isEqualTo(5); // outside the range
            assertThat(mine.read(new byte[5], 0)).isEqualTo(5); // the holder reads and writes
            mine.write(TEN, 0);

            mine.requestLock().sharedLock(100, 10, true).send();
            assertThat(theirs.read(new byte[5], 100)).isEqualTo(5); // a shared lock lets others read
            // ... but nobody write, not even its holder.
            assertStatus(() -> mine.write(TEN, 100), NtStatus.STATUS_FILE_LOCK_CONFLICT);
            assertStatus(() -> theirs.write(TEN, 100), NtStatus.STATUS_FILE_LOCK_CONFLICT);
        }
        try (File again = open(b.share, "mandatory.bin")) {
            again.write(TEN, 0); // closing the holder released its locks
        }
    }

    @Test
    void anNfsOwnersExclusiveLockBlocksSmbIo() {
        try (File f = open(a.share, "nlm.bin")) {
            f.write(new byte[100], 0);
            int shareId =
                    server.shares.byName(SmbTestServer.SHARE).orElseThrow().id();
            long fileId = f.getFileInformation(FileInternalInformation.class).getIndexNumber();
            FileKey key = new FileKey(shareId, fileId);
            LockOwner nlm = new LockOwner("nlm:host:7");
            assertThat(server.runtime.locks().tryLock(key, nlm, LockType.EXCLUSIVE, ByteRange.of(0, 10)))
                    .isEmpty();
            assertStatus(() -> f.read(new byte[5], 0), NtStatus.STATUS_FILE_LOCK_CONFLICT);
            server.runtime.locks().releaseAll(key, nlm);
            assertThat(f.read(new byte[5], 0)).isEqualTo(5);
        }
    }
}
