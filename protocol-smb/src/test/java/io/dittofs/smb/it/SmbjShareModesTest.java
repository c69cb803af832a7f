package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Share modes and delete-pending across two smbj clients (two connections, two ClientGuids),
 * through the runtime's open table (MS-FSA 2.1.5.1.2, 2.1.5.14.3).
 */
class SmbjShareModesTest extends TwoClients {
    private static File open(DiskShare share, String path, Set<SMB2ShareAccess> sharing, AccessMask... access) {
        return share.openFile(
                path, EnumSet.of(access[0], access), null, sharing, SMB2CreateDisposition.FILE_OPEN_IF, null);
    }

    private static List<String> names(DiskShare share) {
        return share.list("").stream()
                .map(FileIdBothDirectoryInformation::getFileName)
                .toList();
    }

    private static void assertStatus(ThrowingCallable call, NtStatus status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                .isEqualTo(status));
    }

    @Test
    void anOpenSharingOnlyReadKeepsWritersOfOtherClientsOutUntilItCloses() {
        File reader = open(a.share, "sr.txt", EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ), AccessMask.GENERIC_READ);
        assertStatus(
                () -> open(b.share, "sr.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_WRITE),
                NtStatus.STATUS_SHARING_VIOLATION);
        open(b.share, "sr.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_READ).close();
        // Attributes only: takes part in no sharing check.
        open(b.share, "sr.txt", Set.of(), AccessMask.FILE_READ_ATTRIBUTES).close();
        reader.close();
        open(b.share, "sr.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_WRITE).close();
    }

    @Test
    void anOpenThatWouldDenyAnExistingWriterIsRefused() {
        File writer = open(a.share, "sw.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_WRITE);
        assertStatus(
                () -> open(b.share, "sw.txt", EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ), AccessMask.GENERIC_READ),
                NtStatus.STATUS_SHARING_VIOLATION);
        // Share modes apply between opens of one client as well.
        assertStatus(
                () -> open(a.share, "sw.txt", Set.of(), AccessMask.GENERIC_READ), NtStatus.STATUS_SHARING_VIOLATION);
        writer.close();
    }

    @Test
    void anOverwriteRefusedForSharingLeavesTheDataAlone() {
        try (File f = open(a.share, "keep.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_ALL)) {
            f.write("precious".getBytes(StandardCharsets.UTF_8), 0);
        }
        File holder = open(a.share, "keep.txt", EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ), AccessMask.GENERIC_READ);
        assertStatus(
                () -> b.share.openFile(
                        "keep.txt",
                        EnumSet.of(AccessMask.GENERIC_WRITE),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OVERWRITE,
                        null),
                NtStatus.STATUS_SHARING_VIOLATION);
        assertThat(b.share
                        .getFileInformation("keep.txt")
                        .getStandardInformation()
                        .getEndOfFile())
                .isEqualTo(8);
        holder.close();
    }

    @Test
    void aDeletePendingFileRefusesNewOpensAndGoesAtTheLastClose() {
        open(a.share, "dp.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_ALL).close();
        File deleter = open(a.share, "dp.txt", SMB2ShareAccess.ALL, AccessMask.DELETE, AccessMask.GENERIC_READ);
        File other = open(b.share, "dp.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_READ);
        deleter.deleteOnClose(); // FileDispositionInformation, DeletePending = TRUE
        assertStatus(
                () -> open(b.share, "dp.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_READ),
                NtStatus.STATUS_DELETE_PENDING);
        deleter.close();
        assertThat(names(b.share)).contains("dp.txt"); // b's open still holds it
        other.close();
        assertThat(names(b.share)).doesNotContain("dp.txt");
    }

    @Test
    void theDispositionNeedsDeleteAccess() {
        File f = open(a.share, "nd.txt", SMB2ShareAccess.ALL, AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE);
        assertStatus(f::deleteOnClose, NtStatus.STATUS_ACCESS_DENIED);
        f.close();
        assertThat(a.share.fileExists("nd.txt")).isTrue();
    }

    @Test
    void anOpenWithoutShareDeleteKeepsDeletersOut() {
        File f = open(a.share, "sd.txt", EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ), AccessMask.GENERIC_READ);
        assertStatus(() -> b.share.rm("sd.txt"), NtStatus.STATUS_SHARING_VIOLATION);
        f.close();
        b.share.rm("sd.txt");
        assertThat(a.share.fileExists("sd.txt")).isFalse();
    }
}
