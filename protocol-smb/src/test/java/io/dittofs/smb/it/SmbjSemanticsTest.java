package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileBasicInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.protocol.commons.EnumWithValue;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.dittofs.smb.SmbTestServer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finer SMB semantics through smbj (3.1.1, signed): dispositions, delete-on-close, listings, info classes. */
class SmbjSemanticsTest {
    private static SmbTestServer server;
    private SMBClient client;
    private Connection connection;
    private Session session;
    private DiskShare share;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        client = new SMBClient(SmbConfig.builder()
                .withDialects(SMB2Dialect.SMB_3_1_1)
                .withSigningRequired(true)
                .withTimeout(20, TimeUnit.SECONDS)
                .build());
        connection = client.connect("127.0.0.1", server.port());
        session = connection.authenticate(
                new AuthenticationContext(SmbTestServer.USER, SmbTestServer.PASSWORD.toCharArray(), "WORKGROUP"));
        share = (DiskShare) session.connectShare(SmbTestServer.SHARE);
    }

    @AfterEach
    void disconnect() throws Exception {
        share.close();
        session.close();
        connection.close();
        client.close();
    }

    private File open(String path, SMB2CreateDisposition disposition, AccessMask... access) {
        return share.openFile(path, EnumSet.of(access[0], access), null, SMB2ShareAccess.ALL, disposition, null);
    }

    @Test
    void createOfAnExistingFileIsANameCollisionAndOpenOfAMissingOneIsNotFound() {
        share.mkdir("disp");
        open("disp\\a.txt", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        assertThatThrownBy(() -> open("disp\\A.TXT", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(NtStatus.STATUS_OBJECT_NAME_COLLISION));
        assertThatThrownBy(() -> open("disp\\missing.txt", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_READ))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND));
        assertThatThrownBy(() -> open("nodir\\x.txt", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_READ))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND));
        assertThatThrownBy(() -> open("disp\\bad|name", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(NtStatus.STATUS_OBJECT_NAME_INVALID));
    }

    @Test
    void overwriteTruncatesAndReportsTheNewSize() {
        try (File f = open("trunc.txt", SMB2CreateDisposition.FILE_OVERWRITE_IF, AccessMask.GENERIC_ALL)) {
            f.write("0123456789".getBytes(StandardCharsets.UTF_8), 0);
        }
        try (File f = open("trunc.txt", SMB2CreateDisposition.FILE_OVERWRITE, AccessMask.GENERIC_ALL)) {
            assertThat(f.getFileInformation(FileStandardInformation.class).getEndOfFile())
                    .isZero();
        }
    }

    @Test
    void deleteOnCloseRemovesTheFileWhenTheLastHandleCloses() {
        File f = share.openFile(
                "doc.txt",
                EnumSet.of(AccessMask.GENERIC_ALL, AccessMask.DELETE),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_CREATE,
                EnumSet.of(SMB2CreateOptions.FILE_DELETE_ON_CLOSE));
        File other = open("doc.txt", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_READ);
        f.close();
        // Still open elsewhere: the name stays, but new opens see it as being deleted (MS-FSA 2.1.5.1).
        assertThatThrownBy(() -> open("doc.txt", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_READ))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(NtStatus.STATUS_DELETE_PENDING));
        other.close();
        assertThat(share.fileExists("doc.txt")).isFalse();
    }

    @Test
    void aNonEmptyDirectoryCannotBeMarkedForDeletion() {
        share.mkdir("full");
        open("full\\x", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        assertThatThrownBy(() -> share.rmdir("full", false))
                .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(NtStatus.STATUS_DIRECTORY_NOT_EMPTY));
        share.rmdir("full", true);
        assertThat(share.folderExists("full")).isFalse();
    }

    @Test
    void aLargeDirectoryIsListedAcrossSeveralQueriesAndWildcardsFilter() {
        share.mkdir("big");
        for (int i = 0; i < 700; i++) {
            open(
                            "big\\f" + i + (i % 2 == 0 ? ".txt" : ".dat"),
                            SMB2CreateDisposition.FILE_CREATE,
                            AccessMask.GENERIC_ALL)
                    .close();
        }
        List<FileIdBothDirectoryInformation> all = share.list("big");
        assertThat(all).hasSize(702);
        assertThat(all.stream().map(FileIdBothDirectoryInformation::getFileName).distinct())
                .hasSize(702);
        assertThat(share.list("big", "*.TXT")).hasSize(350);
        assertThat(share.list("big", "f1?.dat")).hasSize(5);
        assertThat(share.list("big", "F699.DAT"))
                .singleElement()
                .extracting(FileIdBothDirectoryInformation::getFileName)
                .isEqualTo("f699.dat");
    }

    @Test
    void basicInformationRoundTripsTimesAndAttributes() {
        open("times.txt", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        try (File f = open("times.txt", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL)) {
            FileBasicInformation before = f.getFileInformation(FileBasicInformation.class);
            com.hierynomus.msdtyp.FileTime when = com.hierynomus.msdtyp.FileTime.ofEpochMillis(1_600_000_000_000L);
            f.setFileInformation(new FileBasicInformation(
                    when, when, when, before.getChangeTime(), FileAttributes.FILE_ATTRIBUTE_HIDDEN.getValue()));
            FileAllInformation after = f.getFileInformation(FileAllInformation.class);
            assertThat(after.getBasicInformation().getLastWriteTime().toEpochMillis())
                    .isEqualTo(1_600_000_000_000L);
            assertThat(after.getBasicInformation().getCreationTime().toEpochMillis())
                    .isEqualTo(1_600_000_000_000L);
            assertThat(EnumWithValue.EnumUtils.isSet(
                            after.getBasicInformation().getFileAttributes(), FileAttributes.FILE_ATTRIBUTE_HIDDEN))
                    .isTrue();
            assertThat(after.getNameInformation()).isEqualTo("\\times.txt");
        }
    }

    @Test
    void fileSystemInformationIsServed() {
        assertThat(share.getShareInformation().getTotalSpace()).isPositive();
        assertThat(share.getFileInformation("").getStandardInformation().isDirectory())
                .isTrue();
    }

    @Test
    void aSecurityDescriptorNamesTheOwner() {
        open("sd.txt", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        var sd = share.getSecurityInfo(
                "sd.txt",
                EnumSet.of(
                        com.hierynomus.msdtyp.SecurityInformation.OWNER_SECURITY_INFORMATION,
                        com.hierynomus.msdtyp.SecurityInformation.DACL_SECURITY_INFORMATION));
        assertThat(sd.getOwnerSid().toString()).isEqualTo("S-1-5-21-1-2-3-3000");
        assertThat(sd.getDacl().getAces()) // owner, group, Everyone: the mode bits (SmbjSecurityTest)
                .hasSize(3);
    }

    @Test
    void everyDirectoryInformationClassListsTheSameNames() {
        share.mkdir("classes");
        for (String n : List.of("one.txt", "Two.TXT", "three")) {
            open("classes\\" + n, SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                    .close();
        }
        List<Class<? extends com.hierynomus.msfscc.fileinformation.FileDirectoryQueryableInformation>> classes =
                List.of(
                        com.hierynomus.msfscc.fileinformation.FileDirectoryInformation.class,
                        com.hierynomus.msfscc.fileinformation.FileFullDirectoryInformation.class,
                        com.hierynomus.msfscc.fileinformation.FileBothDirectoryInformation.class,
                        com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation.class,
                        com.hierynomus.msfscc.fileinformation.FileIdFullDirectoryInformation.class,
                        com.hierynomus.msfscc.fileinformation.FileNamesInformation.class);
        for (var c : classes) {
            List<String> names = share.list("classes", c, "*", null).stream()
                    .map(com.hierynomus.msfscc.fileinformation.FileDirectoryQueryableInformation::getFileName)
                    .toList();
            assertThat(names).as(c.getSimpleName()).containsExactlyInAnyOrder(".", "..", "one.txt", "Two.TXT", "three");
        }
    }

    @Test
    void byteRangeLocksConflictBetweenOpensAndWithOtherProtocolsOwners() {
        open("locked.bin", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        try (File a = open("locked.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL);
                File b = open("locked.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL)) {
            a.requestLock().exclusiveLock(0, 10, true).send();
            assertThatThrownBy(() -> b.requestLock().exclusiveLock(5, 10, true).send())
                    .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                            .isEqualTo(NtStatus.STATUS_LOCK_NOT_GRANTED));
            b.requestLock().sharedLock(20, 10, true).send();
            a.requestLock().unlock(0, 10).send();
            b.requestLock().exclusiveLock(5, 10, true).send();

            // An NFS owner's lock, taken in the runtime's shared lock manager, blocks SMB too.
            long fileId = a.getFileInformation(com.hierynomus.msfscc.fileinformation.FileInternalInformation.class)
                    .getIndexNumber();
            int shareId =
                    server.shares.byName(SmbTestServer.SHARE).orElseThrow().id();
            var key = new io.dittofs.runtime.lock.FileKey(shareId, fileId);
            var nfs = new io.dittofs.runtime.lock.LockOwner("nlm:host:1");
            assertThat(server.runtime
                            .locks()
                            .tryLock(
                                    key,
                                    nfs,
                                    io.dittofs.runtime.lock.LockType.EXCLUSIVE,
                                    io.dittofs.runtime.lock.ByteRange.of(5, 1)))
                    .isPresent(); // SMB's lock is seen by NFS
            server.runtime
                    .locks()
                    .tryLock(
                            key,
                            nfs,
                            io.dittofs.runtime.lock.LockType.EXCLUSIVE,
                            io.dittofs.runtime.lock.ByteRange.of(100, 10));
            assertThatThrownBy(() -> a.requestLock().sharedLock(105, 1, true).send())
                    .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                            .isEqualTo(NtStatus.STATUS_LOCK_NOT_GRANTED));
            server.runtime.locks().releaseAll(key, nfs);
            a.requestLock().sharedLock(105, 1, true).send();
        }
    }

    @Test
    void aBlockingLockGoesAsyncAndIsGrantedWhenTheConflictGoes() throws Exception {
        open("wait.bin", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        try (File a = open("wait.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL);
                File b = open("wait.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL)) {
            a.requestLock().exclusiveLock(0, 10, true).send();
            java.util.concurrent.CompletableFuture<Void> waiting = java.util.concurrent.CompletableFuture.runAsync(
                    () -> b.requestLock().exclusiveLock(0, 10).send());
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            a.requestLock().unlock(0, 10).send();
            waiting.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> a.requestLock().sharedLock(0, 1, true).send())
                    .isInstanceOfSatisfying(SMBApiException.class, e -> assertThat(e.getStatus())
                            .isEqualTo(NtStatus.STATUS_LOCK_NOT_GRANTED));
        }
    }

    @Test
    void aCancelledBlockingLockIsWithdrawn() throws Exception {
        open("cancel.bin", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        try (File a = open("cancel.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL);
                File b = open("cancel.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_ALL)) {
            a.requestLock().exclusiveLock(0, 10, true).send();
            var request = new com.hierynomus.mssmb2.messages.SMB2LockRequest(
                    SMB2Dialect.SMB_3_1_1,
                    session.getSessionId(),
                    share.getTreeConnect().getTreeId(),
                    (short) 0,
                    0,
                    b.getFileId(),
                    List.of(new com.hierynomus.mssmb2.messages.submodule.SMB2LockElement(
                            0, 10, EnumSet.of(com.hierynomus.mssmb2.SMB2LockFlag.SMB2_LOCKFLAG_EXCLUSIVE_LOCK))));
            java.util.concurrent.Future<com.hierynomus.mssmb2.SMB2Packet> pending = session.send(request);
            Thread.sleep(300);
            assertThat(pending.isDone()).isFalse();
            pending.cancel(true); // smbj sends an SMB2 CANCEL naming the request's AsyncId
            long fileId = a.getFileInformation(com.hierynomus.msfscc.fileinformation.FileInternalInformation.class)
                    .getIndexNumber();
            var key = new io.dittofs.runtime.lock.FileKey(
                    server.shares.byName(SmbTestServer.SHARE).orElseThrow().id(), fileId);
            a.requestLock().unlock(0, 10).send();
            Thread.sleep(200);
            // The withdrawn request was not granted when the conflict went away.
            assertThat(server.runtime.locks().locks(key)).isEmpty();
        }
    }

    @Test
    void serverSideCopyCopiesWithoutTheDataCrossingTheWire() throws Exception {
        byte[] data = new byte[3_000_000];
        new java.util.Random(11).nextBytes(data);
        try (File src = open("copy-src.bin", SMB2CreateDisposition.FILE_OVERWRITE_IF, AccessMask.GENERIC_ALL)) {
            try (var out = src.getOutputStream()) {
                out.write(data);
            }
            try (File dst = open("copy-dst.bin", SMB2CreateDisposition.FILE_OVERWRITE_IF, AccessMask.GENERIC_ALL)) {
                src.remoteCopyTo(dst);
            }
        }
        try (File dst = open("copy-dst.bin", SMB2CreateDisposition.FILE_OPEN, AccessMask.GENERIC_READ);
                var in = dst.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void renamingToACaseVariantChangesTheSpelling() {
        share.mkdir("case");
        open("case\\name.txt", SMB2CreateDisposition.FILE_CREATE, AccessMask.GENERIC_ALL)
                .close();
        try (File f = share.openFile(
                "case\\NAME.TXT",
                EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN,
                null)) {
            f.rename("case\\Name.Txt");
        }
        assertThat(share.list("case").stream().map(FileIdBothDirectoryInformation::getFileName))
                .containsExactlyInAnyOrder(".", "..", "Name.Txt");
    }
}
