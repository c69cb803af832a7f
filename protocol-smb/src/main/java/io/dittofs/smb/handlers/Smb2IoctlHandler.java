package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.Smb2IoctlRequest;
import io.dittofs.smb.messages.Smb2IoctlResponse;
import io.dittofs.smb.rpc.DcerpcPipe;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SMB2 IOCTL (MS-SMB2 section 3.3.5.15): FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12), which
 * protects 3.0/3.0.2 negotiation against downgrade; FSCTL_DFS_GET_REFERRALS answers "no DFS";
 * every other control code is STATUS_INVALID_DEVICE_REQUEST, as Windows answers.
 */
public final class Smb2IoctlHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2IoctlRequest req = Smb2IoctlRequest.decode(msg);
        return switch (req.ctlCode()) {
            case Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO -> validateNegotiate(ctx, req);
            case Smb2IoctlRequest.FSCTL_PIPE_TRANSCEIVE -> transceive(ctx, req);
            case CopyChunk.FSCTL_SRV_REQUEST_RESUME_KEY -> CopyChunk.resumeKey(ctx, req);
            case CopyChunk.FSCTL_SRV_COPYCHUNK, CopyChunk.FSCTL_SRV_COPYCHUNK_WRITE -> CopyChunk.copy(ctx, req);
            case Smb2IoctlRequest.FSCTL_DFS_GET_REFERRALS ->
                throw new SmbProtocolException(NtStatus.STATUS_NOT_FOUND, "no DFS");
            default ->
                throw new SmbProtocolException(
                        NtStatus.STATUS_INVALID_DEVICE_REQUEST, "IOCTL 0x" + Integer.toHexString(req.ctlCode()));
        };
    }

    /** FSCTL_PIPE_TRANSCEIVE (MS-FSCC 2.3.30): one RPC request in, its answer out. */
    private static Reply transceive(RequestContext ctx, Smb2IoctlRequest req) {
        DcerpcPipe pipe = ctx.open(req.fileId()).pipe();
        if (pipe == null) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "TRANSCEIVE on a file");
        }
        int max =
                (int) Math.min(req.maxOutputResponse(), ctx.server().settings().maxIoSize());
        byte[] out = pipe.transceive(req.input(), max);
        NtStatus status = pipe.available() > 0 ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS;
        return new Reply(status, new Smb2IoctlResponse(req.ctlCode(), req.fileId(), out));
    }

    private static Reply validateNegotiate(RequestContext ctx, Smb2IoctlRequest req) {
        Connection conn = ctx.connection();
        Dialect dialect = Objects.requireNonNull(conn.dialect());
        if (dialect == Dialect.SMB_3_1_1) {
            // 3.1.1 is protected by pre-authentication integrity; a client must not ask (3.3.5.15.12).
            conn.close();
            throw SmbProtocolException.invalid("VALIDATE_NEGOTIATE_INFO on 3.1.1");
        }
        ByteBuffer in = ByteBuffer.wrap(req.input()).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 24) {
            throw SmbProtocolException.invalid("short VALIDATE_NEGOTIATE_INFO");
        }
        int capabilities = in.getInt(); // Capabilities (4 bytes)
        byte[] guid = new byte[16];
        in.get(guid); // Guid (16 bytes)
        int securityMode = in.getShort() & 0xFFFF; // SecurityMode (2 bytes)
        int count = in.getShort() & 0xFFFF; // DialectCount (2 bytes)
        if (in.remaining() < 2 * count) {
            throw SmbProtocolException.invalid("VALIDATE_NEGOTIATE_INFO shorter than its dialects");
        }
        List<Integer> dialects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dialects.add(in.getShort() & 0xFFFF); // Dialects (variable)
        }
        Connection.ClientNegotiate sent = conn.clientNegotiate();
        if (capabilities != sent.capabilities()
                || !MessageDigest.isEqual(guid, sent.guid())
                || securityMode != sent.securityMode()
                || !dialects.equals(sent.dialects())) {
            conn.close(); // tampered negotiation: terminate the connection (3.3.5.15.12)
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "negotiate info mismatch");
        }
        byte[] out = ByteBuffer.allocate(24)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(conn.serverCapabilities()) // Capabilities (4 bytes)
                .put(ctx.server().serverGuid()) // Guid (16 bytes)
                .putShort((short) conn.serverSecurityMode()) // SecurityMode (2 bytes)
                .putShort((short) dialect.revision()) // Dialect (2 bytes)
                .array();
        ctx.forceSign(true);
        return Reply.ok(new Smb2IoctlResponse(req.ctlCode(), req.fileId(), out));
    }
}
