package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msfscc.FileNotifyAction;
import com.hierynomus.msfscc.directory.FileNotifyInformation;
import com.hierynomus.mssmb2.SMB2CompletionFilter;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.messages.SMB2ChangeNotifyResponse;
import com.hierynomus.smbj.share.Directory;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.AuthFlavor;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.auth.Protocol;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.smb.SmbTestServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * CHANGE_NOTIFY (MS-SMB2 3.3.5.19) through smbj: client A watches, client B (and an NFSv3
 * context through the runtime, as the NFS adapter calls it) changes names, data and attributes.
 */
class SmbjChangeNotifyTest extends TwoClients {
    private static final EnumSet<SMB2CompletionFilter> NAMES = EnumSet.of(
            SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME, SMB2CompletionFilter.FILE_NOTIFY_CHANGE_DIR_NAME);

    private Directory watched(String path) {
        if (!a.share.folderExists(path)) {
            a.share.mkdir(path);
        }
        return a.share.openDirectory(
                path,
                EnumSet.of(AccessMask.GENERIC_READ),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN,
                null);
    }

    /** Starts a watch and waits until the server has it (changes before that are not the watch's). */
    private static Future<SMB2ChangeNotifyResponse> watch(
            Directory dir, EnumSet<SMB2CompletionFilter> filter, boolean tree) throws InterruptedException {
        int before = server.runtime.events().listenerCount();
        Future<SMB2ChangeNotifyResponse> f = dir.watchAsync(filter, tree);
        for (int i = 0; i < 500 && server.runtime.events().listenerCount() == before; i++) {
            Thread.sleep(10);
        }
        return f;
    }

    private static List<FileNotifyInformation> changes(Future<SMB2ChangeNotifyResponse> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS).getFileNotifyInfoList();
    }

    @Test
    void aWaitingWatchCompletesWhenAnotherClientAddsAFile() throws Exception {
        try (Directory dir = watched("w1")) {
            Future<SMB2ChangeNotifyResponse> f = watch(dir, NAMES, false);
            Thread.sleep(200);
            assertThat(f).as("pending until something changes").isNotDone();
            b.share
                    .openFile(
                            "w1\\new.txt",
                            EnumSet.of(AccessMask.GENERIC_WRITE),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_CREATE,
                            null)
                    .close();
            assertThat(changes(f))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(tuple(FileNotifyAction.FILE_ACTION_ADDED, "new.txt"));
        }
    }

    @Test
    void changesBetweenRequestsAreKeptAndRenamesGiveOldAndNewNames() throws Exception {
        b.share.mkdir("w2");
        b.share
                .openFile(
                        "w2\\a.txt",
                        EnumSet.of(AccessMask.GENERIC_WRITE),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_CREATE,
                        null)
                .close();
        try (Directory dir = watched("w2")) {
            Future<SMB2ChangeNotifyResponse> first = watch(dir, NAMES, false);
            b.share.mkdir("w2\\sub");
            assertThat(changes(first))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(tuple(FileNotifyAction.FILE_ACTION_ADDED, "sub"));
            // Between requests: kept for the next one.
            try (var f = b.share.openFile(
                    "w2\\a.txt",
                    EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN,
                    null)) {
                f.rename("w2\\b.txt");
            }
            b.share.rm("w2\\b.txt");
            assertThat(changes(dir.watchAsync(NAMES, false)))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(
                            tuple(FileNotifyAction.FILE_ACTION_RENAMED_OLD_NAME, "a.txt"),
                            tuple(FileNotifyAction.FILE_ACTION_RENAMED_NEW_NAME, "b.txt"),
                            tuple(FileNotifyAction.FILE_ACTION_REMOVED, "b.txt"));
        }
    }

    @Test
    void aTreeWatchSeesChangesBelowWithTheirPathAndTheFilterSelects() throws Exception {
        b.share.mkdir("w3");
        b.share.mkdir("w3\\sub");
        try (Directory dir = watched("w3")) {
            Future<SMB2ChangeNotifyResponse> dirsOnly =
                    watch(dir, EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_DIR_NAME), true);
            b.share
                    .openFile(
                            "w3\\sub\\file.txt",
                            EnumSet.of(AccessMask.GENERIC_WRITE),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_CREATE,
                            null)
                    .close(); // a file: not selected
            b.share.mkdir("w3\\sub\\deeper");
            assertThat(changes(dirsOnly))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(tuple(FileNotifyAction.FILE_ACTION_ADDED, "sub\\deeper"));
        }
    }

    @Test
    void aCancelledOrClosedWatchEnds() throws Exception {
        Directory dir = watched("w5");
        Future<SMB2ChangeNotifyResponse> cancelled = watch(dir, NAMES, false);
        Thread.sleep(100);
        cancelled.cancel(true); // smbj sends CANCEL for it, and does not wait for the answer
        // A change that reached the server before the CANCEL would rightly go to the cancelled
        // request: give the CANCEL time to arrive first.
        Thread.sleep(300);
        Future<SMB2ChangeNotifyResponse> next = dir.watchAsync(NAMES, false);
        b.share.mkdir("w5\\after-cancel");
        assertThat(changes(next)).extracting(FileNotifyInformation::getFileName).containsExactly("after-cancel");
        Future<SMB2ChangeNotifyResponse> pending = dir.watchAsync(NAMES, false);
        Thread.sleep(100);
        dir.close(); // STATUS_NOTIFY_CLEANUP ends it
        try {
            pending.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // smbj reports the non-success status as an error: what matters is that it ended
        }
        assertThat(pending).isDone();
    }

    @Test
    void changesOverNfsAreReportedToo() throws Exception {
        try (Directory dir = watched("w4")) {
            Future<SMB2ChangeNotifyResponse> f = watch(dir, NAMES, false);
            FileSystem fs =
                    server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
            AuthContext nfs = new AuthContext(
                    Principal.ROOT, Protocol.NFS3, AuthFlavor.UNIX, new InetSocketAddress("127.0.0.1", 700));
            var w4 = fs.lookup(nfs, fs.root(), "w4").id();
            fs.createFile(nfs, w4, "from-nfs.txt", SetAttributes.mode(0644), CreateMode.GUARDED);
            assertThat(changes(f))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(tuple(FileNotifyAction.FILE_ACTION_ADDED, "from-nfs.txt"));
        }
        assertThat(server.runtime.events().listenerCount())
                .as("the closed handle's watch is gone")
                .isZero();
    }

    private static final EnumSet<SMB2CompletionFilter> DATA = EnumSet.of(
            SMB2CompletionFilter.FILE_NOTIFY_CHANGE_SIZE, SMB2CompletionFilter.FILE_NOTIFY_CHANGE_LAST_WRITE);
    private static final AuthContext NFS =
            new AuthContext(Principal.ROOT, Protocol.NFS3, AuthFlavor.UNIX, new InetSocketAddress("127.0.0.1", 701));

    private static FileSystem fs() {
        return server.shares.byName(SmbTestServer.SHARE).orElseThrow().fileSystem();
    }

    @Test
    void aWriteOverNfsIsReportedAsModifiedOnceHoweverManyWrites() throws Exception {
        FileSystem fs = fs();
        a.share.mkdir("w6");
        NodeId w6 = fs.lookup(NFS, fs.root(), "w6").id();
        NodeId file = fs.createFile(NFS, w6, "data.bin", SetAttributes.mode(0644), CreateMode.GUARDED)
                .created()
                .id();
        try (Directory dir = watched("w6")) {
            Future<SMB2ChangeNotifyResponse> first = watch(dir, DATA, false);
            Thread.sleep(200);
            assertThat(first)
                    .as("a new name is not what SIZE or LAST_WRITE select")
                    .isNotDone();
            fs.write(NFS, file, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), Stability.UNSTABLE);
            assertThat(changes(first))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(tuple(FileNotifyAction.FILE_ACTION_MODIFIED, "data.bin"));
            // Between requests: a stream of writes is kept as one entry.
            for (int i = 0; i < 2000; i++) {
                fs.write(NFS, file, 3L + i, ByteBuffer.wrap(new byte[] {(byte) i}), Stability.UNSTABLE);
            }
            assertThat(changes(dir.watchAsync(DATA, false)))
                    .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                    .containsExactly(tuple(FileNotifyAction.FILE_ACTION_MODIFIED, "data.bin"));
        }
    }

    @Test
    void anotherSmbClientsWriteAndAttributeChangeAreReported() throws Exception {
        a.share.mkdir("w7");
        try (var f = b.share.openFile(
                "w7\\doc.txt",
                EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.GENERIC_READ),
                null,
                SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_CREATE,
                null)) {
            try (Directory dir = watched("w7")) {
                Future<SMB2ChangeNotifyResponse> written = watch(dir, DATA, false);
                f.write(new byte[] {9, 9}, 0);
                assertThat(changes(written))
                        .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                        .containsExactly(tuple(FileNotifyAction.FILE_ACTION_MODIFIED, "doc.txt"));
                Future<SMB2ChangeNotifyResponse> attributes =
                        dir.watchAsync(EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_ATTRIBUTES), false);
                var basic = f.getFileInformation(com.hierynomus.msfscc.fileinformation.FileBasicInformation.class);
                f.setFileInformation(new com.hierynomus.msfscc.fileinformation.FileBasicInformation(
                        basic.getCreationTime(),
                        basic.getLastAccessTime(),
                        basic.getLastWriteTime(),
                        basic.getChangeTime(),
                        basic.getFileAttributes() | 0x2)); // FILE_ATTRIBUTE_HIDDEN
                assertThat(changes(attributes))
                        .extracting(FileNotifyInformation::getAction, FileNotifyInformation::getFileName)
                        .contains(tuple(FileNotifyAction.FILE_ACTION_MODIFIED, "doc.txt"));
            }
        }
    }
}
