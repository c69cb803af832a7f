package io.dittofs.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.NfsSettings;
import io.dittofs.nfs.TestServer;
import io.dittofs.nfs.v3.xdr.Create3;
import io.dittofs.nfs.v3.xdr.DirOpRes3;
import io.dittofs.nfs.v3.xdr.Nfsstat3;
import io.dittofs.nfs.v3.xdr.Sattr3;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.Squash;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Export options as NFSv3 clients see them: read-only, root_squash, all_squash. */
class ExportOptionsTest {
    private static final NfsSettings SETTINGS = NfsSettings.of(InetAddress.getLoopbackAddress(), 0, -1);

    @Test
    void aReadOnlyShareRefusesChangesWithRofs() throws Exception {
        try (TestServer server = TestServer.start(SETTINGS, ShareOptions.DEFAULTS.withReadOnly(true));
                TestServer.Mounted m = server.mount()) {
            var r = m.nfs().create(m.root(), "x", new Create3.How.Guarded(Sattr3.NONE));
            assertThat(((DirOpRes3.Fail) r).status()).isEqualTo(Nfsstat3.NFS3ERR_ROFS);
            assertThat(m.nfs().mkdir(m.root(), "d", Sattr3.NONE)).isInstanceOf(DirOpRes3.Fail.class);
        }
    }

    @Test
    void rootSquashMakesRootsFilesBelongToTheAnonymousUser() throws Exception {
        try (TestServer server = TestServer.start(SETTINGS, ShareOptions.DEFAULTS.withSquash(Squash.ROOT));
                TestServer.Mounted m = server.mount("/export", TestServer.ROOT)) {
            var r = (DirOpRes3.Ok) m.nfs().create(m.root(), "by-root", new Create3.How.Guarded(Sattr3.NONE));
            assertThat(r.attributes().uid()).isEqualTo(65534);
            m.nfs().credential(TestServer.USER);
            var u = (DirOpRes3.Ok) m.nfs().create(m.root(), "by-user", new Create3.How.Guarded(Sattr3.NONE));
            assertThat(u.attributes().uid()).isEqualTo(1000);
        }
    }

    @Test
    void allSquashMakesEveryonesFilesBelongToTheAnonymousUser() throws Exception {
        try (TestServer server = TestServer.start(SETTINGS, ShareOptions.DEFAULTS.withSquash(Squash.ALL));
                TestServer.Mounted m = server.mount()) {
            var u = (DirOpRes3.Ok) m.nfs().create(m.root(), "by-user", new Create3.How.Guarded(Sattr3.NONE));
            assertThat(u.attributes().uid()).isEqualTo(65534);
        }
    }

    @Test
    void authNoneCallersActAsNobody() throws Exception {
        try (TestServer server = TestServer.start(SETTINGS, ShareOptions.DEFAULTS);
                TestServer.Mounted m = server.mount("/export", io.dittofs.nfs.rpc.OpaqueAuth.NONE)) {
            var r = (DirOpRes3.Ok) m.nfs().create(m.root(), "anon", new Create3.How.Guarded(Sattr3.NONE));
            assertThat(r.attributes().uid()).isEqualTo(65534);
            assertThat(r.attributes().gid()).isEqualTo(65534);
        }
    }

    @Test
    void aShareNotServedOverNfs3IsNotMountable() throws Exception {
        ShareOptions smbOnly = new ShareOptions(
                false,
                Squash.NONE,
                65534,
                65534,
                java.util.List.of(),
                false,
                false,
                java.util.Set.of(io.dittofs.runtime.auth.Protocol.SMB2));
        try (TestServer server = TestServer.start(SETTINGS, smbOnly)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(server::mount).hasMessageContaining("Fail[status=13]");
        }
    }
}
