package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.fs.SetTime;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.smb.info.FileInfo;
import io.dittofs.smb.info.SecurityDescriptors;
import io.dittofs.smb.info.SmbAttributes;
import io.dittofs.smb.messages.Smb2QueryInfoRequest;
import io.dittofs.smb.messages.Smb2SetInfoRequest;
import io.dittofs.smb.messages.Smb2SetInfoResponse;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.ParentLeases;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.FileTime;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SMB2 SET_INFO (MS-SMB2 section 3.3.5.21) for the file classes clients send: basic (times and
 * attributes), end-of-file, allocation, rename, disposition and disposition-ex, position, mode;
 * and security descriptors as owner, group and the runtime's ACL ({@link SecurityDescriptors}).
 * File-system and quota classes are refused with STATUS_NOT_SUPPORTED.
 */
public final class Smb2SetInfoHandler implements Smb2Handler {
    private static final int DISPOSITION_DELETE = 0x1;
    private static final int DISPOSITION_ON_CLOSE = 0x8;

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2SetInfoRequest req = Smb2SetInfoRequest.decode(msg);
        Open open = ctx.open(req.fileId());
        return ParentLeases.exempt(open.parentCaching(), () -> apply(ctx, req, open));
    }

    private static Reply apply(RequestContext ctx, Smb2SetInfoRequest req, Open open) {
        if (req.infoType() == Smb2QueryInfoRequest.INFO_SECURITY && open.pipe() == null) {
            FileSystem fs = ctx.fs();
            Attributes current = fs.getAttributes(ctx.auth(), open.node());
            SecurityDescriptors.Requested asked = SecurityDescriptors.parse(
                    ctx.server().runtime().identities(), current, req.buffer(), req.additionalInformation());
            if (!asked.ownership().isEmpty()) {
                fs.setAttributes(ctx.auth(), open.node(), asked.ownership(), null);
            }
            if (asked.acl() != null) {
                fs.setAcl(ctx.auth(), open.node(), asked.acl());
            }
            return Reply.ok(Smb2SetInfoResponse.INSTANCE);
        }
        if (req.infoType() != Smb2QueryInfoRequest.INFO_FILE) {
            throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "SET_INFO type " + req.infoType());
        }
        ByteBuffer b = ByteBuffer.wrap(req.buffer()).order(ByteOrder.LITTLE_ENDIAN);
        FileSystem fs = ctx.fs();
        AuthContext auth = ctx.auth();
        switch (req.infoClass()) {
            case FileInfo.BASIC -> basic(fs, auth, open, need(b, 36));
            case FileInfo.END_OF_FILE -> {
                long size = need(b, 8).getLong();
                if (size < 0) {
                    throw SmbProtocolException.invalid("negative EndOfFile");
                }
                fs.setAttributes(auth, open.node(), SetAttributes.NONE.withSize(size), null);
            }
            case FileInfo.ALLOCATION -> need(b, 8); // space is not reserved ahead: accepted, nothing to do
            case FileInfo.RENAME -> rename(fs, auth, open, b);
            case FileInfo.LINK -> link(fs, auth, open, b);
            case FileInfo.DISPOSITION -> disposition(ctx, open, (need(b, 1).get() & 1) != 0);
            case FileInfo.DISPOSITION_EX -> {
                int flags = need(b, 4).getInt();
                boolean delete = (flags & DISPOSITION_DELETE) != 0;
                if ((flags & DISPOSITION_ON_CLOSE) != 0) {
                    open.setDeleteOnClose(delete);
                } else {
                    disposition(ctx, open, delete);
                }
            }
            case FileInfo.POSITION -> open.setPosition(need(b, 8).getLong());
            case FileInfo.MODE -> need(b, 4);
            default ->
                throw new SmbProtocolException(NtStatus.STATUS_INVALID_INFO_CLASS, "SET_INFO class " + req.infoClass());
        }
        return Reply.ok(Smb2SetInfoResponse.INSTANCE);
    }

    private static ByteBuffer need(ByteBuffer b, int n) {
        if (b.remaining() < n) {
            throw new SmbProtocolException(NtStatus.STATUS_INFO_LENGTH_MISMATCH, "buffer of " + b.remaining());
        }
        return b;
    }

    /** FileBasicInformation: a time of 0 or -1 (or -2) leaves it alone; attributes 0 leave them alone. */
    private static void basic(FileSystem fs, AuthContext auth, Open open, ByteBuffer b) {
        long creation = b.getLong(); // CreationTime (8 bytes)
        long access = b.getLong(); // LastAccessTime (8 bytes)
        long write = b.getLong(); // LastWriteTime (8 bytes)
        b.getLong(); // ChangeTime (8 bytes): kept by the server
        int attributes = b.getInt(); // FileAttributes (4 bytes)
        SetAttributes change = SetAttributes.NONE.withTimes(time(access), time(write));
        if (set(creation)) {
            change = change.withBirthtime(FileTime.toUnixNanos(creation));
        }
        if (attributes != 0) {
            if ((attributes & SmbAttributes.DIRECTORY) != 0 && !open.isDirectory()) {
                throw SmbProtocolException.invalid("FILE_ATTRIBUTE_DIRECTORY on a file");
            }
            change = change.withDosAttributes(attributes & SmbAttributes.SETTABLE);
        }
        if (!change.isEmpty()) {
            fs.setAttributes(auth, open.node(), change, null);
        }
    }

    private static boolean set(long fileTime) {
        return fileTime != 0 && fileTime != -1 && fileTime != -2;
    }

    private static @Nullable SetTime time(long fileTime) {
        return set(fileTime) ? SetTime.at(FileTime.toUnixNanos(fileTime)) : null;
    }

    /**
     * FILE_RENAME_INFORMATION_TYPE_2 (MS-FSCC 2.4.42.2): ReplaceIfExists (1), Reserved (7),
     * RootDirectory (8), FileNameLength (4), FileName: a path from the share root.
     */
    private static void rename(FileSystem fs, AuthContext auth, Open open, ByteBuffer b) {
        need(b, 20);
        boolean replace = b.get(0) != 0; // ReplaceIfExists (1 byte)
        String target = targetName(b);
        NodeId fromDir = open.parent();
        if (fromDir == null) {
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "cannot rename the share root");
        }
        List<String> path = Paths.split(target);
        if (path.isEmpty()) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "empty rename target");
        }
        NodeId toDir = Paths.directory(fs, auth, path, path.size() - 1);
        String toName = path.getLast();
        Attributes existing = Paths.lookupOrNull(fs, auth, toDir, toName);
        if (existing != null && !existing.id().equals(open.node())) {
            if (!replace) {
                throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_COLLISION, toName + " exists");
            }
            if (existing.isDirectory()) {
                throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "cannot replace a directory");
            }
            // Replace the entry under its stored spelling, then take the new name as given.
            String stored = Paths.storedName(fs, auth, toDir, toName, existing.id());
            if (!stored.equals(toName)) {
                fs.remove(auth, toDir, stored);
            }
        }
        fs.rename(auth, fromDir, open.name(), toDir, toName);
        open.renamed(toDir, toName, Paths.join(path));
    }

    /**
     * The target path of FILE_RENAME_INFORMATION_TYPE_2 and FILE_LINK_INFORMATION_TYPE_2 (MS-FSCC
     * 2.4.42.2, 2.4.27.2), which share a layout: ReplaceIfExists (1), Reserved (7), RootDirectory
     * (8), FileNameLength (4), FileName. Leading backslashes are dropped: paths are from the share root.
     */
    private static String targetName(ByteBuffer b) {
        need(b, 20);
        b.position(16); // ReplaceIfExists (1 byte), Reserved (7 bytes), RootDirectory (8 bytes)
        long length = b.getInt() & 0xFFFFFFFFL; // FileNameLength (4 bytes)
        if (length > b.remaining() || (length & 1) != 0) {
            throw SmbProtocolException.invalid("FileNameLength " + length);
        }
        byte[] n = new byte[(int) length];
        b.get(n); // FileName (variable)
        String target = new String(n, StandardCharsets.UTF_16LE);
        while (target.startsWith("\\")) {
            target = target.substring(1);
        }
        return target;
    }

    /** FileLinkInformation: a new name for the open's file (a hard link); directories cannot have one. */
    private static void link(FileSystem fs, AuthContext auth, Open open, ByteBuffer b) {
        boolean replace = need(b, 20).get(0) != 0;
        List<String> path = Paths.split(targetName(b));
        if (path.isEmpty() || open.isDirectory()) {
            throw new SmbProtocolException(NtStatus.STATUS_FILE_IS_A_DIRECTORY, "cannot link a directory");
        }
        NodeId dir = Paths.directory(fs, auth, path, path.size() - 1);
        String name = path.getLast();
        Attributes existing = Paths.lookupOrNull(fs, auth, dir, name);
        if (existing != null) {
            if (!replace || existing.isDirectory()) {
                throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_COLLISION, name + " exists");
            }
            fs.remove(auth, dir, Paths.storedName(fs, auth, dir, name, existing.id()));
        }
        fs.link(auth, open.node(), dir, name);
    }

    private static void disposition(RequestContext ctx, Open open, boolean delete) {
        if (delete) {
            if (open.parent() == null) {
                throw new SmbProtocolException(NtStatus.STATUS_CANNOT_DELETE, "the share root");
            }
            if (open.isDirectory()
                    && !ctx.fs()
                            .readDirectory(ctx.auth(), open.node(), 0, 0, 1, false)
                            .entries()
                            .isEmpty()) {
                throw new SmbProtocolException(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, open.path());
            }
        }
        OpenHandle handle = open.handle();
        if (handle == null || (handle.mode().access() & OpenMode.DELETE) == 0) {
            // MS-FSA 2.1.5.14.3: only an open with DELETE access may set the disposition.
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "open without DELETE access");
        }
        ctx.server().runtime().opens().setDeletePending(handle.file(), delete);
    }
}
