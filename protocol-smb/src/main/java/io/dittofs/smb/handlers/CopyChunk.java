package io.dittofs.smb.handlers;

import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.ReadResult;
import io.dittofs.runtime.fs.Stability;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.messages.Smb2IoctlRequest;
import io.dittofs.smb.messages.Smb2IoctlResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Server-side copy (MS-SMB2 3.3.5.15.6): FSCTL_SRV_REQUEST_RESUME_KEY names a source open, and
 * FSCTL_SRV_COPYCHUNK(_WRITE) copies ranges of it into the target open without the data crossing
 * the network. The runtime has no copy primitive yet, so each chunk is a read and a write
 * through the share's file system.
 */
final class CopyChunk {
    static final int FSCTL_SRV_REQUEST_RESUME_KEY = 0x00140078;
    static final int FSCTL_SRV_COPYCHUNK = 0x001440F2;
    static final int FSCTL_SRV_COPYCHUNK_WRITE = 0x001480F2;

    /** Server limits (3.3.5.15.6): chunks per request, bytes per chunk, bytes per request. */
    private static final int MAX_CHUNKS = 256;

    private static final int MAX_CHUNK_SIZE = 1 << 20;
    private static final int MAX_TOTAL = 16 << 20;

    private CopyChunk() {}

    /** SRV_REQUEST_RESUME_KEY (MS-SMB2 2.2.32.3): a 24-byte key (the source FileId, then zeroes) and no context. */
    static Reply resumeKey(RequestContext ctx, Smb2IoctlRequest req) {
        Open open = ctx.open(req.fileId());
        ByteBuffer out = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(open.fileId().persistent())
                .putLong(open.fileId().volatileId())
                .putLong(0); // ResumeKey (24 bytes)
        out.putInt(0); // ContextLength (4 bytes)
        return Reply.ok(new Smb2IoctlResponse(req.ctlCode(), req.fileId(), out.array()));
    }

    /** SRV_COPYCHUNK_COPY (2.2.31.1) in, SRV_COPYCHUNK_RESPONSE (2.2.32.1) out. */
    static Reply copy(RequestContext ctx, Smb2IoctlRequest req) {
        ByteBuffer in = ByteBuffer.wrap(req.input()).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 32) {
            throw SmbProtocolException.invalid("short SRV_COPYCHUNK_COPY");
        }
        FileId key = new FileId(in.getLong(), in.getLong()); // SourceKey (24 bytes)
        in.getLong();
        int count = in.getInt(); // ChunkCount (4 bytes)
        in.getInt(); // Reserved (4 bytes)
        if (count < 0 || count > MAX_CHUNKS || in.remaining() < 24L * count) {
            return limits(req);
        }
        long[][] chunks = new long[count][];
        long total = 0;
        for (int i = 0; i < count; i++) {
            long src = in.getLong(); // SourceOffset (8 bytes)
            long dst = in.getLong(); // TargetOffset (8 bytes)
            long len = in.getInt() & 0xFFFFFFFFL; // Length (4 bytes)
            in.getInt(); // Reserved (4 bytes)
            if (len == 0 || len > MAX_CHUNK_SIZE || src < 0 || dst < 0) {
                return limits(req);
            }
            total += len;
            chunks[i] = new long[] {src, dst, len};
        }
        if (total > MAX_TOTAL) {
            return limits(req);
        }
        Open target = ctx.open(req.fileId());
        Open source = ctx.connection().open(key.volatileId());
        if (source == null
                || source.fileId().persistent() != key.persistent()
                || source.tree().share() != target.tree().share()) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no source for the resume key");
        }
        if (source.isDirectory() || target.isDirectory()) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "copy from or to a directory");
        }
        FileSystem fs = ctx.fs();
        int written = 0;
        long bytes = 0;
        for (long[] c : chunks) {
            long done = 0;
            while (done < c[2]) {
                ReadResult r = fs.read(ctx.auth(), source.node(), c[0] + done, (int) (c[2] - done));
                int n = r.data().remaining();
                if (n == 0) {
                    throw new SmbProtocolException(NtStatus.STATUS_INVALID_VIEW_SIZE, "chunk past the source's end");
                }
                fs.write(ctx.auth(), target.node(), c[1] + done, r.data(), Stability.UNSTABLE);
                done += n;
            }
            target.markWritten();
            written++;
            bytes += done;
        }
        ByteBuffer out = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(written).putInt(0).putInt((int) bytes); // ChunksWritten, ChunkBytesWritten, TotalBytesWritten
        return Reply.ok(new Smb2IoctlResponse(req.ctlCode(), req.fileId(), out.array()));
    }

    /** Over a limit: STATUS_INVALID_PARAMETER with the server's limits in the response (3.3.5.15.6). */
    private static Reply limits(Smb2IoctlRequest req) {
        ByteBuffer out = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAX_CHUNKS).putInt(MAX_CHUNK_SIZE).putInt(MAX_TOTAL);
        return new Reply(
                NtStatus.STATUS_INVALID_PARAMETER, new Smb2IoctlResponse(req.ctlCode(), req.fileId(), out.array()));
    }
}
