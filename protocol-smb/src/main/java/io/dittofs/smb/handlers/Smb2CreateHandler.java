package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.OpenHandle;
import io.dittofs.runtime.open.OpenMode;
import io.dittofs.smb.info.SecurityDescriptors;
import io.dittofs.smb.info.SmbAttributes;
import io.dittofs.smb.messages.CreateContext;
import io.dittofs.smb.messages.FileId;
import io.dittofs.smb.messages.LeaseRequest;
import io.dittofs.smb.messages.NetworkOpenInfo;
import io.dittofs.smb.messages.Smb2CreateRequest;
import io.dittofs.smb.messages.Smb2CreateResponse;
import io.dittofs.smb.rpc.DcerpcPipe;
import io.dittofs.smb.server.Leases;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.ParentLeases;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.ShareModes;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.server.TreeConnect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SMB2 CREATE (MS-SMB2 section 3.3.5.9): resolves the path ignoring case component by component,
 * applies the disposition (MS-FSA 2.1.5.1), opens or creates through the share's file system, and
 * records the open. Answers the MxAc and QFid create contexts, applies SecD to a new file; ignores the others (no leases or
 * durable handles yet), which clients accept.
 */
public final class Smb2CreateHandler implements Smb2Handler {
    // No mode is given at create: the runtime's defaults (0644, 0755) apply, and where the parent
    // has inheritable ACEs the new file's ACL is inherited whole and its mode follows from it, as
    // Windows inheritance expects (a given mode would mask the inherited ACEs, RFC 8881 6.4.3).

    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        Smb2CreateRequest req = Smb2CreateRequest.decode(msg);
        TreeConnect tree = ctx.requireTree();
        if (tree.isIpc()) {
            return openPipe(ctx, req, tree);
        }
        LeaseRequest lease = lease(req);
        if (DurableHandles.isReconnect(req)) {
            return DurableHandles.reconnect(ctx, req, tree, lease);
        }
        String parentCaching = lease == null || lease.parentKey().length == 0
                ? null
                : Leases.leaseHolder(client(ctx), lease.parentKey());
        return ParentLeases.exempt(parentCaching, () -> open(ctx, req, tree, lease, parentCaching));
    }

    private static Reply open(
            RequestContext ctx,
            Smb2CreateRequest req,
            TreeConnect tree,
            @Nullable LeaseRequest lease,
            @Nullable String parentCaching) {
        boolean wantDir = (req.createOptions() & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0;
        boolean wantFile = (req.createOptions() & Smb2CreateRequest.FILE_NON_DIRECTORY_FILE) != 0;
        int disposition = req.createDisposition();
        if ((wantDir && wantFile) || disposition < 0 || disposition > Smb2CreateRequest.FILE_OVERWRITE_IF) {
            throw SmbProtocolException.invalid("bad CreateOptions/CreateDisposition");
        }
        boolean deleteOnClose = (req.createOptions() & Smb2CreateRequest.FILE_DELETE_ON_CLOSE) != 0;
        if (deleteOnClose
                && (req.desiredAccess() & (ShareModes.DELETE | ShareModes.MAXIMUM_ALLOWED | ShareModes.GENERIC_ALL))
                        == 0) {
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "delete-on-close without DELETE access");
        }
        FileSystem fs = ctx.fs();
        AuthContext auth = ctx.auth();
        List<String> path = Paths.split(req.name());
        Outcome o = path.isEmpty()
                ? openRoot(fs, auth, disposition, wantFile)
                : openPath(fs, auth, req, path, wantDir, wantFile);
        if (o.action == Smb2CreateResponse.FILE_CREATED) {
            o = o.withAttributes(applySecurityDescriptor(ctx, req, o.attributes));
        }
        if (deleteOnClose && o.attributes.isDirectory() && o.parent == null) {
            throw new SmbProtocolException(NtStatus.STATUS_CANNOT_DELETE, "the share root");
        }
        OpenMode mode = ShareModes.of(
                req.desiredAccess(), req.shareAccess(), ctx.share().options().readOnly());
        FileKey key = new FileKey(ctx.share().id(), o.attributes.id().fileId());
        // The sharing check and the breaks come before an overwrite touches the data (MS-FSA 2.1.5.1.2).
        String holder = lease == null ? client(ctx) : Leases.leaseHolder(client(ctx), lease.key());
        OpenHandle handle = CreateBreaks.open(ctx, key, holder, mode);
        Attributes attributes;
        try {
            attributes = o.truncate == null
                    ? o.attributes
                    : fs.setAttributes(auth, o.attributes.id(), o.truncate, null)
                            .after();
        } catch (RuntimeException e) {
            ctx.server().runtime().opens().close(handle);
            throw e;
        }
        long id = ctx.connection().nextFileId();
        FileId fileId = new FileId(id, id);
        Open open = new Open(
                fileId,
                tree,
                attributes.id(),
                attributes.isDirectory(),
                req.desiredAccess(),
                o.parent,
                o.name,
                Paths.join(path));
        open.attach(handle);
        open.setDeleteOnClose(deleteOnClose);
        open.parentCaching(parentCaching);
        ctx.connection().addOpen(open);
        ctx.setResultFileId(fileId);
        Leases.Granted caching = ctx.server()
                .leases()
                .grant(open, holder, ctx.connection(), ctx.session(), req.requestedOplockLevel(), lease);
        List<CreateContext> contexts = contexts(req, ctx, attributes);
        if (caching.context() != null) {
            contexts.add(caching.context());
        }
        CreateContext durable = DurableHandles.grant(ctx, req, open);
        if (durable != null) {
            contexts.add(durable);
        }
        return Reply.ok(new Smb2CreateResponse(
                caching.oplockLevel(), o.action, SmbAttributes.networkOpen(attributes), fileId, contexts));
    }

    /**
     * The SMB2_CREATE_SD_BUFFER context (MS-SMB2 2.2.13.2.2, "SecD") of a create that made a new
     * file: its owner, group and DACL are applied as a SET_INFO of them would be, by the creator.
     */
    private static Attributes applySecurityDescriptor(RequestContext ctx, Smb2CreateRequest req, Attributes created) {
        for (CreateContext c : req.contexts()) {
            if (c.name().equals(CreateContext.SECURITY_DESCRIPTOR)) {
                byte[] sd = c.data();
                int parts = SecurityDescriptors.partsPresent(sd);
                SecurityDescriptors.Requested asked =
                        SecurityDescriptors.parse(ctx.server().runtime().identities(), created, sd, parts);
                FileSystem fs = ctx.fs();
                Attributes now = created;
                if (!asked.ownership().isEmpty()) {
                    now = fs.setAttributes(ctx.auth(), created.id(), asked.ownership(), null)
                            .after();
                }
                if (asked.acl() != null) {
                    now = fs.setAcl(ctx.auth(), created.id(), asked.acl());
                }
                return now;
            }
        }
        return created;
    }

    /** Opens a named pipe on IPC$: only srvsvc, for share listing. */
    private static Reply openPipe(RequestContext ctx, Smb2CreateRequest req, TreeConnect tree) {
        DcerpcPipe pipe = DcerpcPipe.open(req.name(), () -> listing(ctx));
        if (pipe == null) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no pipe '" + req.name() + "'");
        }
        long id = ctx.connection().nextFileId();
        FileId fileId = new FileId(id, id);
        ctx.connection().addOpen(Open.pipe(fileId, tree, pipe, req.name()));
        ctx.setResultFileId(fileId);
        NetworkOpenInfo none = new NetworkOpenInfo(0, 0, 0, 0, 4096, 0, SmbAttributes.NORMAL);
        return Reply.ok(new Smb2CreateResponse(0, Smb2CreateResponse.FILE_OPENED, none, fileId, List.of()));
    }

    /** The shares SMB serves, and IPC$, as srvsvc lists them. */
    private static List<DcerpcPipe.ShareListing> listing(RequestContext ctx) {
        List<DcerpcPipe.ShareListing> out = new ArrayList<>();
        for (var s : ctx.server().runtime().shares().all()) {
            if (s.options().protocols().contains(io.dittofs.runtime.auth.Protocol.SMB2)) {
                out.add(new DcerpcPipe.ShareListing(s.name(), false, ""));
            }
        }
        out.add(new DcerpcPipe.ShareListing("IPC$", true, "IPC Service"));
        return out;
    }

    private static @Nullable LeaseRequest lease(Smb2CreateRequest req) {
        if (req.requestedOplockLevel() != Leases.OPLOCK_LEASE) {
            return null;
        }
        for (CreateContext c : req.contexts()) {
            if (c.name().equals(LeaseRequest.NAME)) {
                return LeaseRequest.decode(c.data());
            }
        }
        return null;
    }

    /** The open table's holder of this client's opens without a lease: its ClientGuid, as leases are keyed. */
    static String client(RequestContext ctx) {
        return "smb:"
                + HexFormat.of().formatHex(ctx.connection().clientNegotiate().guid());
    }

    /**
     * What the path resolved to and what was done; {@code truncate} is the overwrite still to
     * apply once the sharing check passed.
     */
    private record Outcome(
            Attributes attributes,
            @Nullable NodeId parent,
            String name,
            int action,
            @Nullable SetAttributes truncate) {
        Outcome(Attributes attributes, @Nullable NodeId parent, String name, int action) {
            this(attributes, parent, name, action, null);
        }

        Outcome withAttributes(Attributes a) {
            return new Outcome(a, parent, name, action, truncate);
        }
    }

    private static Outcome openRoot(FileSystem fs, AuthContext auth, int disposition, boolean wantFile) {
        if (wantFile) {
            throw new SmbProtocolException(NtStatus.STATUS_FILE_IS_A_DIRECTORY, "the share root");
        }
        if (disposition != Smb2CreateRequest.FILE_OPEN && disposition != Smb2CreateRequest.FILE_OPEN_IF) {
            throw new SmbProtocolException(NtStatus.STATUS_ACCESS_DENIED, "cannot create or overwrite the share root");
        }
        return new Outcome(fs.getAttributes(auth, fs.root()), null, "", Smb2CreateResponse.FILE_OPENED);
    }

    private static Outcome openPath(
            FileSystem fs,
            AuthContext auth,
            Smb2CreateRequest req,
            List<String> path,
            boolean wantDir,
            boolean wantFile) {
        NodeId parent = Paths.directory(fs, auth, path, path.size() - 1);
        String name = path.getLast();
        Attributes existing = Paths.lookupOrNull(fs, auth, parent, name);
        int disposition = req.createDisposition();
        if (existing != null) {
            if (disposition == Smb2CreateRequest.FILE_CREATE) {
                throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_COLLISION, name + " exists");
            }
            if (wantDir && !existing.isDirectory()) {
                throw new SmbProtocolException(NtStatus.STATUS_NOT_A_DIRECTORY, name + " is a file");
            }
            if (wantFile && existing.isDirectory()) {
                throw new SmbProtocolException(NtStatus.STATUS_FILE_IS_A_DIRECTORY, name + " is a directory");
            }
            String stored = Paths.storedName(fs, auth, parent, name, existing.id());
            if (disposition == Smb2CreateRequest.FILE_OPEN || disposition == Smb2CreateRequest.FILE_OPEN_IF) {
                return new Outcome(existing, parent, stored, Smb2CreateResponse.FILE_OPENED);
            }
            if (existing.isDirectory()) {
                throw SmbProtocolException.invalid("cannot overwrite a directory");
            }
            SetAttributes truncate = SetAttributes.NONE.withSize(0L).withDosAttributes(dos(req.fileAttributes()));
            int action = disposition == Smb2CreateRequest.FILE_SUPERSEDE
                    ? Smb2CreateResponse.FILE_SUPERSEDED
                    : Smb2CreateResponse.FILE_OVERWRITTEN;
            return new Outcome(existing, parent, stored, action, truncate);
        }
        if (disposition == Smb2CreateRequest.FILE_OPEN || disposition == Smb2CreateRequest.FILE_OVERWRITE) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no " + name);
        }
        Integer dos = dos(req.fileAttributes());
        try {
            Attributes created = wantDir
                    ? fs.createDirectory(auth, parent, name, SetAttributes.NONE.withDosAttributes(dos))
                            .created()
                    : fs.createFile(auth, parent, name, SetAttributes.NONE.withDosAttributes(dos), CreateMode.GUARDED)
                            .created();
            return new Outcome(created, parent, name, Smb2CreateResponse.FILE_CREATED);
        } catch (FsException e) {
            if (e.code() == ErrorCode.EXISTS) {
                throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_COLLISION, name + " appeared meanwhile");
            }
            throw e;
        }
    }

    private static @Nullable Integer dos(int fileAttributes) {
        int bits = fileAttributes & SmbAttributes.SETTABLE;
        return bits == 0 ? null : bits;
    }

    private static List<CreateContext> contexts(Smb2CreateRequest req, RequestContext ctx, Attributes a) {
        List<CreateContext> out = new ArrayList<>();
        for (CreateContext c : req.contexts()) {
            switch (c.name()) {
                case CreateContext.MAXIMAL_ACCESS -> {
                    int access = ctx.share().options().readOnly()
                            ? Smb2TreeConnectHandler.READ_ACCESS
                            : Smb2TreeConnectHandler.ALL_ACCESS;
                    out.add(new CreateContext(
                            c.name(), le(8).putInt(0).putInt(access).array())); // QueryStatus, MaximalAccess
                }
                case CreateContext.QUERY_ON_DISK_ID ->
                    out.add(new CreateContext(
                            c.name(),
                            le(32).putLong(a.fileId()).putLong(ctx.share().id()).array())); // DiskFileId (32 bytes)
                default -> {
                    // leases are answered by the caller; durable handles, security descriptors: not granted
                }
            }
        }
        return out;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
