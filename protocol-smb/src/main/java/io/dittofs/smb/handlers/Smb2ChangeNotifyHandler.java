package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.coherence.FsChange;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.fs.DirectoryListing;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.smb.messages.Smb2ChangeNotifyRequest;
import io.dittofs.smb.messages.Smb2ChangeNotifyResponse;
import io.dittofs.smb.server.ChangeWatch;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * SMB2 CHANGE_NOTIFY (MS-SMB2 section 3.3.5.19) on the runtime's change events, which every
 * protocol's creates, removes, renames, writes and attribute changes feed: answers at once with what changed since the last
 * request on the handle, else goes async (interim STATUS_PENDING) until a change the
 * CompletionFilter selects happens in the directory (or, with SMB2_WATCH_TREE, below it), the
 * handle closes (STATUS_NOTIFY_CLEANUP) or the client cancels (STATUS_CANCELLED). More changes
 * than fit in OutputBufferLength, or than the watch buffers, give STATUS_NOTIFY_ENUM_DIR.
 *
 * <p>Names give FILE_ACTION_ADDED, REMOVED and RENAMED_* under FILE_NAME or DIR_NAME; data and
 * attribute changes give FILE_ACTION_MODIFIED under SIZE, LAST_WRITE, LAST_ACCESS, CREATION,
 * ATTRIBUTES, SECURITY or EA (MS-FSCC 2.7.1), one entry per name however many writes happened
 * between two requests (the watch coalesces them). A tree watch finds
 * the path of a change below the directory by walking up through "..", reading each parent to
 * name the child, so it costs a directory scan per level per change.
 */
public final class Smb2ChangeNotifyHandler implements Smb2Handler {
    private static final int MAX_DEPTH = 64;

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2ChangeNotifyRequest req = Smb2ChangeNotifyRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        if (!open.isDirectory() || open.pipe() != null) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_PARAMETER, "CHANGE_NOTIFY on a non-directory");
        }
        ChangeWatch watch = open.watch(
                () -> new ChangeWatch(ctx.share().id(), ctx.server().runtime().events()));
        watch.filter(req.completionFilter());
        boolean tree = (req.flags() & Smb2ChangeNotifyRequest.WATCH_TREE) != 0;
        // A CANCEL ends whichever wait of this request is current.
        AtomicReference<CompletableFuture<ChangeWatch.Outcome>> current = new AtomicReference<>();
        Runnable cancelled = () -> {
            CompletableFuture<ChangeWatch.Outcome> w = current.get();
            if (w != null) {
                watch.cancel(w);
            }
        };
        while (true) {
            CompletableFuture<ChangeWatch.Outcome> next = watch.next();
            if (!next.isDone()) {
                // Inside a compound it cannot go async: it then waits in place.
                if (ctx.asyncId() == 0) {
                    ctx.goAsync(cancelled::run);
                }
                current.set(next);
            }
            switch (next.join()) {
                case CLEANUP -> {
                    return new Reply(NtStatus.STATUS_NOTIFY_CLEANUP, new Smb2ChangeNotifyResponse(List.of()));
                }
                case CANCELLED -> throw new SmbProtocolException(NtStatus.STATUS_CANCELLED, "CHANGE_NOTIFY cancelled");
                default -> {}
            }
            if (watch.takeOverflow()) {
                return enumerateAgain();
            }
            List<Smb2ChangeNotifyResponse.Entry> entries =
                    matching(ctx.fs(), ctx.auth(), open.node(), watch.drain(), tree, req.completionFilter());
            if (entries.isEmpty()) {
                continue;
            }
            if (Smb2ChangeNotifyResponse.length(entries) > req.outputBufferLength()) {
                return enumerateAgain();
            }
            return Reply.ok(new Smb2ChangeNotifyResponse(entries));
        }
    }

    private static Reply enumerateAgain() {
        return new Reply(NtStatus.STATUS_NOTIFY_ENUM_DIR, new Smb2ChangeNotifyResponse(List.of()));
    }

    private static List<Smb2ChangeNotifyResponse.Entry> matching(
            FileSystem fs, AuthContext auth, NodeId watched, List<FsChange> changes, boolean tree, int filter) {
        List<Smb2ChangeNotifyResponse.Entry> out = new ArrayList<>();
        for (FsChange c : changes) {
            if ((filter & ChangeWatch.filterBits(c)) == 0) {
                continue;
            }
            String name;
            if (c.directory().equals(watched)) {
                name = c.name();
            } else if (tree) {
                String below = pathBelow(fs, auth, watched, c.directory());
                if (below == null) {
                    continue;
                }
                name = below + "\\" + c.name();
            } else {
                continue;
            }
            out.add(new Smb2ChangeNotifyResponse.Entry(action(c.action()), name));
        }
        return out;
    }

    private static int action(FsChange.Action a) {
        return switch (a) {
            case ADDED -> Smb2ChangeNotifyResponse.ADDED;
            case REMOVED -> Smb2ChangeNotifyResponse.REMOVED;
            case MODIFIED -> Smb2ChangeNotifyResponse.MODIFIED;
            case RENAMED_OLD_NAME -> Smb2ChangeNotifyResponse.RENAMED_OLD_NAME;
            case RENAMED_NEW_NAME -> Smb2ChangeNotifyResponse.RENAMED_NEW_NAME;
        };
    }

    /** The path of {@code dir} below {@code watched} ("a\\b"), or {@code null} when it is not below it. */
    private static @Nullable String pathBelow(FileSystem fs, AuthContext auth, NodeId watched, NodeId dir) {
        Deque<String> parts = new ArrayDeque<>();
        NodeId at = dir;
        try {
            for (int depth = 0; depth < MAX_DEPTH; depth++) {
                if (at.equals(fs.root())) {
                    return null;
                }
                NodeId parent = fs.lookup(auth, at, "..").id();
                String name = nameIn(fs, auth, parent, at);
                if (name == null) {
                    return null;
                }
                parts.addFirst(name);
                if (parent.equals(watched)) {
                    return String.join("\\", parts);
                }
                at = parent;
            }
        } catch (FsException e) {
            return null; // gone meanwhile, or not readable: not reported
        }
        return null;
    }

    private static @Nullable String nameIn(FileSystem fs, AuthContext auth, NodeId dir, NodeId child) {
        long cookie = 0;
        long verifier = 0;
        while (true) {
            DirectoryListing page = fs.readDirectory(auth, dir, cookie, verifier, 256, false);
            for (DirectoryEntry e : page.entries()) {
                if (e.id().equals(child)) {
                    return e.name();
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return null;
            }
            verifier = page.verifier();
        }
    }
}
