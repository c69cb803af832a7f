package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.FileRef;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.share.Share;

/**
 * The operations that set, save and walk the current filehandle (RFC 7530 sections 16.20 -
 * 16.22, 16.8, 16.30 - 16.31, 16.13 - 16.14) and SECINFO (16.31, RFC 8881 section 18.45).
 * LOOKUP on the pseudo-root crosses into a share; LOOKUPP from a share's root climbs back out.
 */
public final class FilehandleOps {
    private FilehandleOps() {}

    /** PUTFH (section 16.20). */
    public static OpResult putfh(CompoundContext ctx, XdrReader in) {
        byte[] raw = in.readOpaque(Nfs4.FHSIZE);
        Nfs4Handle h = Nfs4Handle.parse(raw);
        if (h instanceof Nfs4Handle.ShareFile f) {
            ctx.server().shares().requireById(f.shareId()); // BADHANDLE for a share that is gone
        }
        ctx.setCurrent(h);
        return OpResult.ok();
    }

    /** PUTROOTFH (section 16.22) and PUTPUBFH (16.21): the public filehandle is the root. */
    public static OpResult putrootfh(CompoundContext ctx, XdrReader in) {
        ctx.setCurrent(Nfs4Handle.ROOT);
        return OpResult.ok();
    }

    /** GETFH (section 16.8). */
    public static OpResult getfh(CompoundContext ctx, XdrReader in) {
        Nfs4Handle h = ctx.currentHandle();
        return OpResult.ok(h::encode);
    }

    /** SAVEFH (section 16.31). */
    public static OpResult savefh(CompoundContext ctx, XdrReader in) {
        ctx.save();
        return OpResult.ok();
    }

    /** RESTOREFH (section 16.30). */
    public static OpResult restorefh(CompoundContext ctx, XdrReader in) {
        ctx.restore();
        return OpResult.ok();
    }

    /** LOOKUP (section 16.13). */
    public static OpResult lookup(CompoundContext ctx, XdrReader in) {
        String name = Names4.component(in);
        if (ctx.atPseudoRoot()) {
            Share share = ctx.visibleShares().stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new Nfs4Exception(Nfsstat4.NFS4ERR_NOENT, "no share '" + name + "'"));
            ctx.admit(share);
            ctx.setCurrent(
                    new Nfs4Handle.ShareFile(share.id(), share.fileSystem().root()));
            return OpResult.ok();
        }
        FileRef dir = ctx.file(Nfsstat4.NFS4ERR_NOENT);
        Attributes d = dir.fs().getAttributes(dir.auth(), dir.node());
        Names4.requireDirectory(d);
        Attributes a = dir.fs().lookup(dir.auth(), dir.node(), name);
        ctx.setCurrent(dir.handle(a.id()));
        return OpResult.ok();
    }

    /** LOOKUPP (section 16.14): the parent; from a share's root, the pseudo-root. */
    public static OpResult lookupp(CompoundContext ctx, XdrReader in) {
        if (ctx.atPseudoRoot()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOENT, "the pseudo-root has no parent");
        }
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_NOENT);
        if (f.isShareRoot()) {
            ctx.setCurrent(Nfs4Handle.ROOT);
            return OpResult.ok();
        }
        Attributes d = f.fs().getAttributes(f.auth(), f.node());
        Names4.requireDirectory(d);
        Attributes parent = f.fs().lookup(f.auth(), f.node(), "..");
        ctx.setCurrent(f.handle(parent.id()));
        return OpResult.ok();
    }

    /**
     * SECINFO (section 16.31): AUTH_SYS and AUTH_NONE, the flavors this server accepts. In minor
     * version 1 it consumes the current filehandle (RFC 8881 section 2.6.3.1.1.8).
     */
    public static OpResult secinfo(CompoundContext ctx, XdrReader in) {
        String name = Names4.component(in);
        if (!ctx.atPseudoRoot()) {
            FileRef dir = ctx.file(Nfsstat4.NFS4ERR_NOENT);
            dir.fs().lookup(dir.auth(), dir.node(), name);
        } else if (ctx.visibleShares().stream().noneMatch(s -> s.name().equals(name))) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOENT, "no share '" + name + "'");
        }
        return flavors(ctx);
    }

    /** SECINFO_NO_NAME (RFC 8881 section 18.45): style 0 the current object, 1 its parent. */
    public static OpResult secinfoNoName(CompoundContext ctx, XdrReader in) {
        int style = in.readInt();
        if (style != 0 && style != 1) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "secinfo_style4 " + style);
        }
        ctx.currentHandle();
        return flavors(ctx);
    }

    private static OpResult flavors(CompoundContext ctx) {
        if (ctx.minorVersion() > 0) {
            ctx.setCurrent(null);
        }
        return OpResult.ok(out -> out.writeInt(2).writeInt(Nfs4.AUTH_SYS).writeInt(Nfs4.AUTH_NONE));
    }
}
