package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.FileRef;
import io.dittofs.nfs.v4.Nfs4Errors;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.attr.Attr4;
import io.dittofs.nfs.v4.attr.AttrSource;
import io.dittofs.nfs.v4.attr.Bitmap4;
import io.dittofs.nfs.v4.attr.Fattr4;
import io.dittofs.nfs.v4.state.Stateid;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.Access;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.open.BreakIntent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;

/** GETATTR, SETATTR, ACCESS, VERIFY and NVERIFY (RFC 7530 sections 16.7, 16.32, 16.1, 16.35, 16.15). */
public final class AttributeOps {
    private AttributeOps() {}

    /** The attribute source of the current filehandle. */
    static AttrSource current(CompoundContext ctx) {
        if (ctx.atPseudoRoot()) {
            return ctx.pseudoRootSource();
        }
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_SERVERFAULT);
        return ctx.source(f, f.fs().getAttributes(f.auth(), f.node()));
    }

    /** GETATTR (section 16.7). */
    public static OpResult getattr(CompoundContext ctx, XdrReader in) {
        Bitmap4 requested = Bitmap4.decode(in);
        AttrSource src = current(ctx);
        return OpResult.ok(Bodies.now(
                ctx.rpc().alloc(),
                out -> ctx.server().attributes().encode(out, ctx.rpc().alloc(), requested, src)));
    }

    /** SETATTR (section 16.32): attrsset is returned with every status. */
    public static OpResult setattr(CompoundContext ctx, XdrReader in) {
        Stateid sid = Stateid.decode(in);
        Fattr4 attrs = Fattr4.decode(in);
        int status;
        try {
            FileRef f = ctx.file(Nfsstat4.NFS4ERR_ROFS);
            Fattr4.Settable settable = attrs.toSettable(ctx.server().owners(), ctx.minorVersion());
            SetAttributes changes = settable.attributes();
            Stateid resolved = ctx.resolve(sid);
            if (changes.size() != null) {
                ctx.server().state().checkIo(resolved, ctx.minorVersion(), f.key(), true);
            }
            breakCaching(ctx, f, resolved, changes, settable.acl() != null);
            // With both acl and mode, the ACL is set first and the mode then applied to it as a
            // chmod would (RFC 8881 section 6.4.1.1), so the mode the client sent is the mode it gets.
            if (settable.acl() != null) {
                f.fs().setAcl(f.auth(), f.node(), settable.acl());
            }
            if (settable.acl() == null || !changes.isEmpty()) {
                f.fs().setAttributes(f.auth(), f.node(), changes, null);
            }
            return OpResult.ok(attrs.mask()::encode);
        } catch (Nfs4Exception e) {
            status = e.status();
        } catch (FsException e) {
            status = Nfs4Errors.toNfsstat4(e.code());
        }
        return new OpResult(status, Bitmap4.EMPTY::encode);
    }

    /**
     * Other clients' delegations (and SMB leases) of a file whose size, mode or owner changes are
     * recalled first (RFC 7530 section 10.4.1: their cached data and access checks go stale).
     */
    private static void breakCaching(
            CompoundContext ctx, FileRef f, Stateid sid, SetAttributes changes, boolean aclChanges) {
        // A new ACL changes who may open the file (and its mode), as a chmod does.
        boolean permissions = aclChanges || changes.mode() != null || changes.uid() != null || changes.gid() != null;
        if (changes.size() == null && !permissions) {
            return;
        }
        String holder = ctx.server().state().holderFor(sid, ctx.minorVersion(), ctx.holder());
        if (changes.size() != null) {
            ctx.breakCaching(f, holder, BreakIntent.MODIFY);
        }
        if (permissions) {
            ctx.breakCaching(f, holder, BreakIntent.ATTRIBUTES);
        }
    }

    /** ACCESS (section 16.1): the bits are the runtime's {@link Access} bits. */
    public static OpResult access(CompoundContext ctx, XdrReader in) {
        int requested = in.readInt();
        int supported = requested & Access.ALL;
        int granted;
        if (ctx.atPseudoRoot()) {
            granted = supported & (Access.READ | Access.LOOKUP | Access.EXECUTE);
        } else {
            FileRef f = ctx.file(Nfsstat4.NFS4ERR_SERVERFAULT);
            granted = f.fs().access(f.auth(), f.node(), supported);
        }
        return OpResult.ok(out -> out.writeInt(supported).writeInt(granted));
    }

    /** VERIFY (section 16.35): NFS4ERR_NOT_SAME unless the attributes match. */
    public static OpResult verify(CompoundContext ctx, XdrReader in) {
        return same(ctx, Fattr4.decode(in)) ? OpResult.ok() : OpResult.error(Nfsstat4.NFS4ERR_NOT_SAME);
    }

    /** NVERIFY (section 16.15): NFS4ERR_SAME when the attributes match. */
    public static OpResult nverify(CompoundContext ctx, XdrReader in) {
        return same(ctx, Fattr4.decode(in)) ? OpResult.error(Nfsstat4.NFS4ERR_SAME) : OpResult.ok();
    }

    private static boolean same(CompoundContext ctx, Fattr4 given) {
        if (!given.mask().isSubsetOf(Attr4.supported(ctx.minorVersion()))) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_ATTRNOTSUPP, "unsupported attribute");
        }
        if (!given.mask().isSubsetOf(Attr4.readable(ctx.minorVersion()))
                || given.mask().isSet(Attr4.RDATTR_ERROR)) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "write-only attribute or rdattr_error");
        }
        AttrSource src = current(ctx);
        XdrWriter w = new XdrWriter(ctx.rpc().alloc());
        try {
            ctx.server().attributes().encodeValues(w, given.mask(), src);
        } catch (RuntimeException e) {
            w.release();
            throw e;
        }
        ByteBuf mine = w.finish();
        try {
            return Arrays.equals(ByteBufUtil.getBytes(mine), given.values());
        } finally {
            mine.release();
        }
    }

    /** The attributes of a new object, for CREATE and OPEN's createattrs; an ACL is set once it exists. */
    static Fattr4.Settable initial(CompoundContext ctx, Fattr4 attrs) {
        return attrs.toSettable(ctx.server().owners(), ctx.minorVersion());
    }

    /** Sets the ACL createattrs asked for on the new object {@code created}. */
    static void applyInitialAcl(FileRef dir, Fattr4.Settable initial, Attributes created) {
        if (initial.acl() != null) {
            dir.fs().setAcl(dir.auth(), created.id(), initial.acl());
        }
    }

    static Attributes attributesOf(FileRef f) {
        return f.fs().getAttributes(f.auth(), f.node());
    }
}
