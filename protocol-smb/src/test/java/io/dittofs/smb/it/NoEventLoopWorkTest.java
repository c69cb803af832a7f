package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.share.Share;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.smb.SmbTestServer;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Every file-system call the adapter makes runs on a virtual thread, never on a Netty event loop. */
class NoEventLoopWorkTest {
    @Test
    void fileSystemCallsRunOnVirtualThreadsOnly() throws Exception {
        Set<String> offenders = ConcurrentHashMap.newKeySet();
        Set<String> calls = ConcurrentHashMap.newKeySet();
        try (SmbTestServer server = SmbTestServer.start()) {
            Share real =
                    Shares.open("watched", ShareOptions.DEFAULTS, new MemoryMetadataStore(), new MemoryBlockStore());
            FileSystem watched = (FileSystem) Proxy.newProxyInstance(
                    FileSystem.class.getClassLoader(), new Class<?>[] {FileSystem.class}, (proxy, method, args) -> {
                        calls.add(method.getName());
                        if (!Thread.currentThread().isVirtual()) {
                            offenders.add(method.getName() + " on "
                                    + Thread.currentThread().getName());
                        }
                        try {
                            return method.invoke(real.fileSystem(), args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            ShareRegistry shares = server.shares;
            shares.add(new Share(real.name(), real.id(), real.options(), watched));
            try (SMBClient client = new SMBClient(SmbConfig.builder()
                            .withDialects(SMB2Dialect.SMB_3_1_1)
                            .build());
                    Connection c = client.connect("127.0.0.1", server.port());
                    Session s = c.authenticate(new AuthenticationContext(
                            SmbTestServer.USER, SmbTestServer.PASSWORD.toCharArray(), "WORKGROUP"));
                    DiskShare share = (DiskShare) s.connectShare("watched")) {
                share.mkdir("d");
                try (File f = share.openFile(
                        "d\\f.txt",
                        EnumSet.of(AccessMask.GENERIC_ALL),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_CREATE,
                        null)) {
                    f.write("x".getBytes(StandardCharsets.UTF_8), 0);
                }
                assertThat(share.list("d")).hasSize(3);
                share.rm("d\\f.txt");
            }
        }
        assertThat(calls).contains("createFile", "write", "readDirectory", "remove");
        assertThat(offenders).isEmpty();
    }
}
