package io.dittofs.smb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Shares;
import io.dittofs.smb.LeaseClient;
import io.dittofs.smb.SmbSettings;
import io.dittofs.smb.SmbTestServer;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persistent handles (MS-SMB2 3.3.5.9.10, 3.3.5.9.12) on a continuously available share "ca":
 * a raw SMB 3.0 client opens with DH2Q and SMB2_DHANDLE_FLAG_PERSISTENT and no caching at all,
 * drops its connection, and takes the open back with DH2C and its CreateGuid. Share "share" is
 * not continuously available.
 */
class SmbPersistentHandleTest {
    private static final int SMB_3_0 = 0x0300;
    private static final int PERSISTENT = 0x2;
    private static final int CAP_CONTINUOUS_AVAILABILITY = 0x10;
    private static final int STATUS_END_OF_FILE = 0xC0000011;

    private static SmbTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SmbTestServer.start(
                SmbSettings.defaults().withBind("127.0.0.1", 0).withContinuouslyAvailable(Set.of("ca")),
                ShareOptions.DEFAULTS);
        server.addShare("ca", ShareOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LeaseClient client(String share, int dialect) throws Exception {
        return new LeaseClient(server.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, share, dialect);
    }

    private static int flags(byte[] dh2qResponse) {
        return ByteBuffer.wrap(dh2qResponse).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    }

    @Test
    void aPersistentHandleWithoutCachingSurvivesALostConnection() throws Exception {
        LeaseClient a = client("ca", SMB_3_0);
        assertThat(a.raw.treeCapabilities & CAP_CONTINUOUS_AVAILABILITY).isNotZero();
        LeaseClient.Created first = a.create("p.txt", 0, Map.of("DH2Q", LeaseClient.dh2q(PERSISTENT, 0x77)));
        assertThat(first.oplockLevel()).isZero();
        assertThat(first.contexts()).containsKey("DH2Q");
        assertThat(flags(first.contexts().get("DH2Q"))).isEqualTo(PERSISTENT);
        a.close(); // the connection drops without a CLOSE

        int caShare = server.shares.byName("ca").orElseThrow().id();
        assertThat(server.runtime.opens().openCount(caShare))
                .as("its share reservation is kept")
                .isEqualTo(1);
        try (LeaseClient back = client("ca", SMB_3_0)) {
            LeaseClient.Created again = back.reclaim("p.txt", 0, LeaseClient.dh2c(first, 0x77));
            assertThat(again).as("reclaimed").isNotNull();
            assertThat(again.persistent()).isEqualTo(first.persistent());
            assertThat(back.read(again, 1)).isIn(0, STATUS_END_OF_FILE);
            var fs = server.shares.byName("ca").orElseThrow().fileSystem();
            assertThat(fs.stateEntries("smb.persistent")).as("saved while open").hasSize(1);
            assertThat(back.closeFile(again)).isZero();
            assertThat(fs.stateEntries("smb.persistent"))
                    .as("forgotten at close")
                    .isEmpty();
        }
    }

    @Test
    void noPersistentHandleOnAShareThatIsNotContinuouslyAvailableOrOverSmb21() throws Exception {
        try (LeaseClient plain = client(SmbTestServer.SHARE, SMB_3_0)) {
            assertThat(plain.raw.treeCapabilities & CAP_CONTINUOUS_AVAILABILITY).isZero();
            assertThat(plain.create("np.txt", 0, Map.of("DH2Q", LeaseClient.dh2q(PERSISTENT, 0x78)))
                            .contexts())
                    .doesNotContainKey("DH2Q");
        }
        try (LeaseClient old = client("ca", 0x0210)) {
            assertThat(old.create("np21.txt", 0, Map.of("DH2Q", LeaseClient.dh2q(PERSISTENT, 0x79)))
                            .contexts())
                    .doesNotContainKey("DH2Q");
        }
    }

    @Test
    void aPersistentHandleSurvivesARestartOverTheSameStores() throws Exception {
        MemoryMetadataStore meta = new MemoryMetadataStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        SmbSettings settings = SmbSettings.defaults().withBind("127.0.0.1", 0).withContinuouslyAvailable(Set.of("ca"));
        java.util.function.Consumer<SmbTestServer> ca =
                s -> s.shares.add(Shares.open("ca", ShareOptions.DEFAULTS, meta, blocks));
        SmbTestServer before = SmbTestServer.start(settings, ca);
        LeaseClient.Created first;
        try (LeaseClient a =
                new LeaseClient(before.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, "ca", SMB_3_0)) {
            first = a.create("r.txt", 0, Map.of("DH2Q", LeaseClient.dh2q(PERSISTENT, 0x99)));
            assertThat(flags(first.contexts().get("DH2Q"))).isEqualTo(PERSISTENT);
            assertThat(a.write(first, "before".getBytes(StandardCharsets.UTF_8)))
                    .isZero();
        }
        before.close(); // the server goes; a new runtime and adapter start over the same stores

        SmbTestServer after = SmbTestServer.start(settings, ca);
        try (LeaseClient b = new LeaseClient(after.port(), SmbTestServer.USER, SmbTestServer.PASSWORD, "ca", SMB_3_0)) {
            int caShare = after.shares.byName("ca").orElseThrow().id();
            assertThat(after.runtime.opens().openCount(caShare))
                    .as("the share reservation is back before the client is")
                    .isEqualTo(1);
            assertThat(b.tryCreate("r.txt", 0, LeaseClient.dh2c(first, 0x98)))
                    .as("another CreateGuid")
                    .isNull();
            LeaseClient.Created back = b.create("r.txt", 0, LeaseClient.dh2c(first, 0x99));
            assertThat(back.persistent()).isEqualTo(first.persistent());
            assertThat(b.write(back, "after!".getBytes(StandardCharsets.UTF_8))).isZero();
            assertThat(b.read(back, 6)).isZero();
            var fs = after.shares.byName("ca").orElseThrow().fileSystem();
            var root = io.dittofs.runtime.auth.AuthContext.internal(io.dittofs.runtime.auth.Principal.ROOT);
            var file = fs.lookup(root, fs.root(), "r.txt").id();
            ByteBuffer data = fs.read(root, file, 0, 6).data();
            byte[] got = new byte[data.remaining()];
            data.get(got);
            assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("after!");
            LeaseClient.Created fresh = b.create("other.txt", 0, Map.of());
            assertThat(fresh.persistent())
                    .as("new FileIds stay clear of restored ones")
                    .isGreaterThan(first.persistent());
        } finally {
            after.close();
        }
    }
}
