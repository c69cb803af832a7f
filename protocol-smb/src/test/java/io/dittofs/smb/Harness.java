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
import io.dittofs.smb.handlers.Smb1NegotiateHandler;
import io.dittofs.smb.handlers.Smb2Dispatch;
import io.dittofs.smb.server.RequestPipeline;
import io.dittofs.smb.server.SmbServer;
import io.dittofs.smb.transport.InFlight;
import io.dittofs.smb.transport.SmbConnectionHandler;
import io.dittofs.smb.transport.SmbFrameDecoder;
import io.dittofs.smb.transport.SmbFrameEncoder;
import io.dittofs.store.block.memory.MemoryBlockStore;
import io.dittofs.store.metadata.memory.MemoryMetadataStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The adapter's Netty pipeline on an EmbeddedChannel, with request work run on the calling
 * thread, over a runtime with in-memory stores: golden bytes in, frames out, deterministically.
 */
public final class Harness implements AutoCloseable {
    public final SmbServer server;
    public final EmbeddedChannel channel;

    public Harness() {
        this(SmbSettings.defaults().withBind("127.0.0.1", 0));
    }

    public Harness(SmbSettings settings) {
        ShareRegistry shares = new ShareRegistry();
        shares.add(Shares.open("share", ShareOptions.DEFAULTS, new MemoryMetadataStore(), new MemoryBlockStore()));
        Identities ids = new Identities(Sid.parse("S-1-5-21-1-2-3"));
        ids.putUser(new User("alice", 1000, 1000, List.of(), null, NtlmCrypto.ntHash("Secret123")));
        server = new SmbServer(new DittoRuntime(shares, ids, new LockManager()), settings, Smb2Dispatch.table());
        RequestPipeline pipeline = new RequestPipeline(server, new Smb1NegotiateHandler(server));
        channel = new EmbeddedChannel(
                new SmbFrameDecoder(settings.maxFrameBytes()),
                new SmbFrameEncoder(settings.maxFrameBytes()),
                new SmbConnectionHandler(server, pipeline, Runnable::run, new InFlight(16), 64));
    }

    /** Sends {@code message} (no length prefix) as one frame; returns the response frame without its prefix, or null. */
    public @Nullable ByteBuf exchange(ByteBuf message) {
        ByteBuf frame = Unpooled.buffer()
                .writeByte(0)
                .writeMedium(message.readableBytes())
                .writeBytes(message);
        message.release();
        channel.writeInbound(frame);
        channel.runPendingTasks();
        return response();
    }

    /** The next response frame (length prefix checked and stripped), or null when none was sent. */
    public @Nullable ByteBuf response() {
        ByteBuf prefix = channel.readOutbound();
        if (prefix == null) {
            return null;
        }
        ByteBuf body = channel.readOutbound();
        int length = prefix.getUnsignedMedium(1);
        prefix.release();
        if (body.readableBytes() != length) {
            body.release();
            throw new AssertionError("length prefix " + length + " but " + body.readableBytes() + " bytes");
        }
        return body;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
