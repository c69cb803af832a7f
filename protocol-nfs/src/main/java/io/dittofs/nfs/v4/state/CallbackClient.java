package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.rpc.Backchannel;
import io.dittofs.nfs.rpc.RpcReply;
import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CB_COMPOUND on a session's back channel (RFC 8881 section 20): CB_SEQUENCE then CB_RECALL.
 * Minor version 0 calls back over a connection of its own ({@link Callback40}).
 * The callback program's version for minor version 1 is 4 (section 20.1, NFS4_CALLBACK).
 */
final class CallbackClient {
    private static final Logger log = LoggerFactory.getLogger(CallbackClient.class);
    private static final int CB_VERSION = 4;
    private static final int CB_COMPOUND = 1;
    private static final int OP_CB_RECALL = 4;
    private static final int OP_CB_SEQUENCE = 11;
    private static final int OP_CB_NOTIFY_LOCK = 13;
    /** How long a callback's reply may take before the next one goes and this one counts as failed. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private static final byte[] TAG = "recall".getBytes(StandardCharsets.US_ASCII);

    private CallbackClient() {}

    /** Sends CB_RECALL for {@code d}; the future says whether the client accepted it. */
    static CompletableFuture<Boolean> recall(Session s, DelegState d) {
        return call(s, "CB_RECALL", out -> writeRecall(out, d));
    }

    /**
     * Sends CB_NOTIFY_LOCK (RFC 8881 section 20.11): the lock {@code owner} of client
     * {@code clientId} waited for on the file {@code fh} may be available now.
     */
    static CompletableFuture<Boolean> notifyLock(Session s, Nfs4Handle fh, long clientId, byte[] owner) {
        return call(s, "CB_NOTIFY_LOCK", out -> {
            out.writeInt(OP_CB_NOTIFY_LOCK);
            fh.encode(out);
            out.writeLong(clientId).writeOpaque(owner);
        });
    }

    /** CB_COMPOUND of CB_SEQUENCE and the one operation {@code op} writes. */
    private static CompletableFuture<Boolean> call(Session s, String what, Consumer<XdrWriter> op) {
        CallbackPath path = s.callbacks();
        Backchannel c = path.connection();
        if (c == null) {
            return CompletableFuture.completedFuture(false);
        }
        byte[] sessionId = s.id();
        // One slot on the back channel (RFC 8881 section 2.10.6.1): one CB_COMPOUND at a time.
        return path.inTurn(() -> c.call(path.program(), CB_VERSION, CB_COMPOUND, path.credential(), out -> {
                            int seqid = path.nextSeqid();
                            out.writeOpaque(TAG).writeInt(1).writeInt(0).writeInt(2);
                            out.writeInt(OP_CB_SEQUENCE)
                                    .writeFixedOpaque(sessionId)
                                    .writeInt(seqid);
                            out.writeInt(0).writeInt(0).writeBoolean(false).writeInt(0);
                            op.accept(out);
                        })
                        .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .thenApply(CallbackClient::accepted)
                .exceptionally(e -> {
                    log.info(
                            "{} to client {} failed: {}",
                            what,
                            Long.toHexString(s.client().id()),
                            e.toString());
                    return false;
                });
    }

    /** The CB_RECALL operation (RFC 7530 section 18.2, RFC 8881 section 20.2): stateid, truncate, fh. */
    static void writeRecall(XdrWriter out, DelegState d) {
        out.writeInt(OP_CB_RECALL);
        d.stateid.encode(out);
        out.writeBoolean(false);
        d.handle.encode(out);
    }

    /** Whether a CB_COMPOUND reply record is a successful call whose status is NFS4_OK; releases it. */
    static boolean accepted(ByteBuf reply) {
        try {
            XdrReader in = new XdrReader(reply);
            RpcReply header = RpcReply.decode(in);
            return header instanceof RpcReply.Success && in.readInt() == 0;
        } catch (RuntimeException e) {
            return false;
        } finally {
            reply.release();
        }
    }
}
