package io.dittofs.smb;

import io.dittofs.runtime.DittoRuntime;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.runtime.identity.User;
import io.dittofs.runtime.lock.LockManager;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.runtime.share.ShareRegistry;
import io.dittofs.runtime.share.Shares;
import io.dittofs.smb.auth.ntlm.NtlmCrypto;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import java.time.Duration;
import java.util.List;

/**
 * The real adapter on 127.0.0.1 (an ephemeral port) over a real runtime with in-memory stores:
 * share "share" and user "alice" with password "Secret123".
 */
public final class SmbTestServer implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "Secret123";
    public static final String SHARE = "share";

    public final ShareRegistry shares = new ShareRegistry();
    public final Identities identities = new Identities(Sid.parse("S-1-5-21-1-2-3"));
    public final DittoRuntime runtime = new DittoRuntime(shares, identities, new LockManager());
    public final SmbAdapter adapter;

    private SmbTestServer(SmbSettings settings) {
        adapter = new SmbAdapter(settings);
        identities.putUser(new User(USER, 1000, 1000, List.of(), null, NtlmCrypto.ntHash(PASSWORD)));
    }

    public static SmbTestServer start() throws Exception {
        return start(SmbSettings.defaults().withBind("127.0.0.1", 0), ShareOptions.DEFAULTS);
    }

    public static SmbTestServer start(SmbSettings settings, ShareOptions options) throws Exception {
        return start(settings, s -> s.addShare(SHARE, options));
    }

    /** A server whose shares {@code shares} adds before the adapter starts (to restart over the same stores). */
    public static SmbTestServer start(SmbSettings settings, java.util.function.Consumer<SmbTestServer> shares)
            throws Exception {
        SmbTestServer s = new SmbTestServer(settings);
        shares.accept(s);
        s.adapter.start(s.runtime);
        return s;
    }

    public void addShare(String name, ShareOptions options) {
        shares.add(Shares.open(name, options, new MemoryMetadataStore(), new MemoryBlockStore()));
    }

    public int port() {
        return adapter.port();
    }

    @Override
    public void close() {
        adapter.stop(Duration.ofSeconds(2));
    }
}
