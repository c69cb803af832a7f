package io.dittofs.smb.handlers;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.smb.info.FileInfo;
import io.dittofs.smb.info.FsInformation;
import io.dittofs.smb.info.SecurityDescriptors;
import io.dittofs.smb.info.SmbAttributes;
import io.dittofs.smb.messages.Smb2ErrorResponse;
import io.dittofs.smb.messages.Smb2QueryInfoRequest;
import io.dittofs.smb.messages.Smb2QueryInfoResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;

/**
 * SMB2 QUERY_INFO (MS-SMB2 section 3.3.5.20): file classes from the file's attributes and the
 * open, file-system classes from the share, a security descriptor from owner and group. An
 * answer larger than OutputBufferLength is STATUS_INFO_LENGTH_MISMATCH for fixed-size classes,
 * truncated with STATUS_BUFFER_OVERFLOW for variable ones, and STATUS_BUFFER_TOO_SMALL with the
 * needed size for security descriptors (3.3.5.20.3).
 */
public final class Smb2QueryInfoHandler implements Smb2Handler {
    private static final Set<Integer> VARIABLE_FILE_CLASSES =
            Set.of(FileInfo.ALL, FileInfo.NAME, FileInfo.NORMALIZED_NAME, FileInfo.STREAM);

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2QueryInfoRequest req = Smb2QueryInfoRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        FileSystem fs = ctx.fs();
        int limit =
                (int) Math.min(req.outputBufferLength(), ctx.server().settings().maxIoSize());
        switch (req.infoType()) {
            case Smb2QueryInfoRequest.INFO_FILE -> {
                Attributes a = fs.getAttributes(ctx.auth(), open.node());
                boolean pending =
                        ctx.server().runtime().opens().isDeletePending(open.fileKey()) || open.deleteOnClose();
                FileInfo.OpenState state =
                        new FileInfo.OpenState(pending, open.grantedAccess(), open.position(), "\\" + open.path());
                byte[] b = FileInfo.encode(req.infoClass(), a, state);
                if (b == null) {
                    throw new SmbProtocolException(NtStatus.STATUS_INVALID_INFO_CLASS, "file class " + req.infoClass());
                }
                return fit(b, limit, VARIABLE_FILE_CLASSES.contains(req.infoClass()));
            }
            case Smb2QueryInfoRequest.INFO_FILESYSTEM -> {
                Attributes root = fs.getAttributes(ctx.auth(), fs.root());
                byte[] b = FsInformation.encode(
                        req.infoClass(),
                        fs.info(),
                        () -> fs.statFs(ctx.auth()),
                        ctx.share().id(),
                        SmbAttributes.creationTime(root),
                        ctx.share().name());
                if (b == null) {
                    throw new SmbProtocolException(NtStatus.STATUS_INVALID_INFO_CLASS, "fs class " + req.infoClass());
                }
                return fit(
                        b,
                        limit,
                        req.infoClass() == FsInformation.VOLUME || req.infoClass() == FsInformation.ATTRIBUTE);
            }
            case Smb2QueryInfoRequest.INFO_SECURITY -> {
                Attributes a = fs.getAttributes(ctx.auth(), open.node());
                int wanted = req.additionalInformation();
                io.dittofs.runtime.acl.Acl acl = (wanted & SecurityDescriptors.DACL) != 0
                        ? fs.getAcl(ctx.auth(), open.node())
                        : io.dittofs.runtime.acl.Acl.of();
                byte[] sd = SecurityDescriptors.of(ctx.server().runtime().identities(), a, acl, wanted);
                if (sd.length > limit) {
                    byte[] needed = ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(sd.length)
                            .array();
                    return new Reply(NtStatus.STATUS_BUFFER_TOO_SMALL, new Smb2ErrorResponse(needed));
                }
                return Reply.ok(new Smb2QueryInfoResponse(sd));
            }
            default -> throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "info type " + req.infoType());
        }
    }

    private static Reply fit(byte[] b, int limit, boolean variable) {
        if (b.length <= limit) {
            return Reply.ok(new Smb2QueryInfoResponse(b));
        }
        if (!variable) {
            throw new SmbProtocolException(NtStatus.STATUS_INFO_LENGTH_MISMATCH, "buffer of " + limit);
        }
        return new Reply(NtStatus.STATUS_BUFFER_OVERFLOW, new Smb2QueryInfoResponse(Arrays.copyOf(b, limit)));
    }
}
