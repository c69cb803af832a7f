package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.fs.DirectoryListing;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.smb.info.DirectoryInfo;
import io.dittofs.smb.info.Wildcards;
import io.dittofs.smb.messages.Smb2QueryDirectoryRequest;
import io.dittofs.smb.messages.Smb2QueryDirectoryResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Deque;

/**
 * SMB2 QUERY_DIRECTORY (MS-SMB2 section 3.3.5.18): enumerates a directory open page by page.
 * The pattern of the first query (or of RESTART_SCANS / REOPEN) holds for the enumeration; a
 * pattern without wildcards is one case-insensitive lookup, not a scan. "." and ".." come first.
 * The output is bounded by the client's OutputBufferLength and the negotiated maximum; an entry
 * that does not fit waits for the next query.
 */
public final class Smb2QueryDirectoryHandler implements Smb2Handler {
    private static final int PAGE = 256;
    private static final int MAX_OUTPUT = 1 << 20;

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2QueryDirectoryRequest req = Smb2QueryDirectoryRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        if (!open.isDirectory()) {
            throw SmbProtocolException.invalid("QUERY_DIRECTORY on a file");
        }
        int fixed = DirectoryInfo.fixedSize(req.infoClass());
        if (fixed < 0) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_INFO_CLASS, "class " + req.infoClass());
        }
        // Never more than the negotiated maximum, nor than 1 MiB of entries: fewer is always allowed.
        int max = (int) Math.min(
                Math.min(req.outputBufferLength(), ctx.server().settings().maxIoSize()), MAX_OUTPUT);
        if (max < fixed) {
            throw new SmbProtocolException(NtStatus.STATUS_INFO_LENGTH_MISMATCH, "buffer of " + max);
        }
        synchronized (open) {
            return enumerate(ctx, open, req, max);
        }
    }

    private static Reply enumerate(RequestContext ctx, Open open, Smb2QueryDirectoryRequest req, int max) {
        Open.Search search = open.search();
        String pattern = req.pattern().isEmpty() ? "*" : req.pattern();
        int restartFlags = Smb2QueryDirectoryRequest.RESTART_SCANS | Smb2QueryDirectoryRequest.REOPEN;
        if ((req.flags() & restartFlags) != 0 || search.pattern() == null) {
            search.restart(pattern);
        }
        FileSystem fs = ctx.fs();
        AuthContext auth = ctx.auth();
        boolean single = (req.flags() & Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY) != 0;
        ByteBuffer out = ByteBuffer.allocate(max);
        int last = -1;
        while (true) {
            DirectoryEntry e = next(fs, auth, open, search);
            if (e == null) {
                break;
            }
            int start = (out.position() + 7) & ~7;
            int size = DirectoryInfo.size(req.infoClass(), e.name());
            if (start + size > max) {
                if (last < 0) {
                    throw new SmbProtocolException(NtStatus.STATUS_INFO_LENGTH_MISMATCH, "entry does not fit");
                }
                break; // stays pending for the next query
            }
            search.pending().poll();
            if (last >= 0) {
                out.putInt(last, start - last); // NextEntryOffset of the previous entry
            }
            out.position(start);
            Attributes a = e.attributes() != null ? e.attributes() : fs.getAttributes(auth, e.id());
            DirectoryInfo.encode(out, req.infoClass(), e.name(), a, null);
            last = start;
            if (single) {
                break;
            }
        }
        if (last < 0) {
            NtStatus status = search.anyReturned() ? NtStatus.STATUS_NO_MORE_FILES : NtStatus.STATUS_NO_SUCH_FILE;
            search.returned(); // a later query on the same enumeration is "no more", not "no such"
            return Reply.error(status);
        }
        search.returned();
        return Reply.ok(new Smb2QueryDirectoryResponse(Arrays.copyOf(out.array(), out.position())));
    }

    /** The next matching entry (left at the head of the pending queue), or {@code null} at the end. */
    private static DirectoryEntry next(FileSystem fs, AuthContext auth, Open open, Open.Search search) {
        Deque<DirectoryEntry> pending = search.pending();
        String pattern = search.pattern();
        while (pending.isEmpty()) {
            if (!search.dotsSent()) {
                search.dotsSent(true);
                if (!Wildcards.hasWildcards(pattern)) {
                    search.advance(0, 0, true);
                    Attributes a = Paths.lookupOrNull(fs, auth, open.node(), pattern);
                    if (a != null) {
                        pending.add(new DirectoryEntry(
                                Paths.storedName(fs, auth, open.node(), pattern, a.id()), a.id(), 0, a));
                    }
                    continue;
                }
                Attributes dir = fs.getAttributes(auth, open.node());
                Attributes parent = open.parent() == null ? dir : fs.lookup(auth, open.node(), "..");
                addIfMatches(pending, pattern, new DirectoryEntry(".", dir.id(), 0, dir));
                addIfMatches(pending, pattern, new DirectoryEntry("..", parent.id(), 0, parent));
                continue;
            }
            if (search.listingDone()) {
                return null;
            }
            DirectoryListing page = fs.readDirectory(auth, open.node(), search.cookie(), search.verifier(), PAGE, true);
            long cookie = search.cookie();
            for (DirectoryEntry e : page.entries()) {
                addIfMatches(pending, pattern, e);
                cookie = e.cookie();
            }
            search.advance(cookie, page.verifier(), page.eof() || page.entries().isEmpty());
        }
        return pending.peek();
    }

    private static void addIfMatches(Deque<DirectoryEntry> pending, String pattern, DirectoryEntry e) {
        if (Wildcards.matches(pattern, e.name())) {
            pending.add(e);
        }
    }
}
