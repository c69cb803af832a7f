package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.FileRef;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.attr.AttrSource;
import io.dittofs.nfs.v4.attr.Bitmap4;
import io.dittofs.nfs.v4.attr.Fattr4;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.CreateResult;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.fs.DirectoryListing;
import io.dittofs.runtime.fs.FileType;
import io.dittofs.runtime.fs.LinkResult;
import io.dittofs.runtime.fs.RemoveResult;
import io.dittofs.runtime.fs.RenameResult;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.open.BreakIntent;
import io.dittofs.runtime.share.Share;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** READDIR, CREATE, REMOVE, RENAME, LINK and READLINK (RFC 7530 sections 16.24, 16.4, 16.26, 16.27, 16.9, 16.25). */
public final class DirectoryOps {
    /** Bytes of READDIR4resok around the entries: the verifier, the list's end and eof. */
    private static final int READDIR_OVERHEAD = 16;

    private DirectoryOps() {}

    /**
     * READDIR (section 16.24): entries after {@code cookie} while they fit in {@code maxcount}
     * bytes; NFS4ERR_TOOSMALL when not even one does. Cookies are the runtime's (which never
     * hands out 0, 1 or 2, the values section 16.24.4 reserves).
     */
    public static OpResult readdir(CompoundContext ctx, XdrReader in) {
        long cookie = in.readLong();
        long verifier = in.readLong();
        in.readInt(); // dircount: a hint
        int maxcount = in.readInt();
        Bitmap4 requested = Bitmap4.decode(in);
        if (cookie == 1 || cookie == 2) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_COOKIE, "cookie " + cookie);
        }
        int room = (int) Math.min(Integer.toUnsignedLong(maxcount), 1 << 20) - READDIR_OVERHEAD;
        ByteBufAllocator alloc = ctx.rpc().alloc();
        Page page = ctx.atPseudoRoot()
                ? pseudoRoot(ctx, cookie, requested, room)
                : shareDirectory(ctx, cookie, verifier, requested, room);
        ByteBuf entries = page.entries;
        return OpResult.ok(out -> {
            out.writeLong(page.verifier);
            out.writeRaw(entries);
            out.writeBoolean(false).writeBoolean(page.eof);
        });
    }

    private record Page(ByteBuf entries, long verifier, boolean eof) {}

    /** Collects encoded entries until one does not fit. */
    private static final class Collector {
        final XdrWriter out;
        final ByteBufAllocator alloc;
        final int room;
        int count;
        boolean full;

        Collector(ByteBufAllocator alloc, int room) {
            this.alloc = alloc;
            this.out = new XdrWriter(alloc);
            this.room = room;
        }

        void add(CompoundContext ctx, long cookie, String name, Bitmap4 requested, AttrSource src) {
            XdrWriter e = new XdrWriter(alloc);
            e.writeBoolean(true).writeLong(cookie).writeString(name);
            ctx.server().attributes().encode(e, alloc, requested, src);
            ByteBuf b = e.finish();
            if (out.size() + b.readableBytes() > room) {
                b.release();
                full = true;
                return;
            }
            out.writeRaw(b);
            count++;
        }

        ByteBuf finish() {
            if (count == 0 && full) {
                out.release();
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_TOOSMALL, "no entry fits in maxcount");
            }
            return out.finish();
        }
    }

    private static Page pseudoRoot(CompoundContext ctx, long cookie, Bitmap4 requested, int room) {
        List<Share> shares = ctx.visibleShares();
        Collector c = new Collector(ctx.rpc().alloc(), room);
        int start = cookie == 0 ? 0 : (int) Math.min(cookie - 2, shares.size());
        int i = start;
        try {
            for (; i < shares.size() && !c.full; i++) {
                Share s = shares.get(i);
                FileRef root = new FileRef(s, s.fileSystem(), s.fileSystem().root(), ctx.admit(s));
                Attributes a = root.fs().getAttributes(root.auth(), root.node());
                c.add(ctx, i + 3, s.name(), requested, ctx.source(root, a));
            }
        } catch (RuntimeException e) {
            c.out.release();
            throw e;
        }
        boolean eof = !c.full && i >= shares.size();
        return new Page(c.finish(), 0, eof);
    }

    private static Page shareDirectory(CompoundContext ctx, long cookie, long verifier, Bitmap4 requested, int room) {
        FileRef dir = ctx.file(Nfsstat4.NFS4ERR_SERVERFAULT);
        int maxEntries = Math.max(1, Math.min(1024, room / 48));
        DirectoryListing l =
                dir.fs().readDirectory(dir.auth(), dir.node(), cookie, verifier, maxEntries, !requested.isEmpty());
        Collector c = new Collector(ctx.rpc().alloc(), room);
        try {
            for (DirectoryEntry e : l.entries()) {
                Attributes a = e.attributes() != null
                        ? e.attributes()
                        : new Attributes(e.id(), FileType.REGULAR, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                c.add(ctx, e.cookie(), e.name(), requested, ctx.source(dir, a));
                if (c.full) {
                    break;
                }
            }
        } catch (RuntimeException ex) {
            c.out.release();
            throw ex;
        }
        return new Page(c.finish(), l.verifier(), l.eof() && !c.full);
    }

    /** CREATE (section 16.4): directories, symlinks, devices, sockets and FIFOs. */
    public static OpResult create(CompoundContext ctx, XdrReader in) {
        int type = in.readInt();
        String linkText = null;
        long rdev = 0;
        switch (type) {
            case Nfs4.NF4LNK -> linkText = in.readString(Nfs4.MAX_NAME);
            case Nfs4.NF4BLK, Nfs4.NF4CHR -> rdev = (in.readUnsignedInt() << 32) | in.readUnsignedInt();
            case Nfs4.NF4SOCK, Nfs4.NF4FIFO, Nfs4.NF4DIR -> {}
            default -> {
                // Regular files are made by OPEN (section 16.4.5); still read the rest for BADXDR.
                Names4.component(in);
                Fattr4.decode(in);
                throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADTYPE, "CREATE of type " + type);
            }
        }
        String name = Names4.component(in);
        Fattr4 attrs = Fattr4.decode(in);
        FileRef dir = ctx.file(Nfsstat4.NFS4ERR_ROFS);
        Fattr4.Settable settable = AttributeOps.initial(ctx, attrs);
        SetAttributes initial = settable.attributes();
        CreateResult r =
                switch (type) {
                    case Nfs4.NF4DIR -> dir.fs().createDirectory(dir.auth(), dir.node(), name, initial);
                    case Nfs4.NF4LNK -> dir.fs().createSymlink(dir.auth(), dir.node(), name, linkText, initial);
                    case Nfs4.NF4BLK ->
                        dir.fs().createSpecial(dir.auth(), dir.node(), name, FileType.BLOCK_DEVICE, rdev, initial);
                    case Nfs4.NF4CHR ->
                        dir.fs().createSpecial(dir.auth(), dir.node(), name, FileType.CHAR_DEVICE, rdev, initial);
                    case Nfs4.NF4SOCK ->
                        dir.fs().createSpecial(dir.auth(), dir.node(), name, FileType.SOCKET, 0, initial);
                    default -> dir.fs().createSpecial(dir.auth(), dir.node(), name, FileType.FIFO, 0, initial);
                };
        AttributeOps.applyInitialAcl(dir, settable, r.created());
        ctx.setCurrent(dir.handle(r.created().id()));
        ChangeInfo cinfo = ChangeInfo.of(r.directory());
        return OpResult.ok(out -> {
            cinfo.encode(out);
            attrs.mask().encode(out);
        });
    }

    /** REMOVE (section 16.26): files and empty directories alike. */
    public static OpResult remove(CompoundContext ctx, XdrReader in) {
        String name = Names4.component(in);
        FileRef dir = ctx.file(Nfsstat4.NFS4ERR_ROFS);
        Attributes target = dir.fs().lookup(dir.auth(), dir.node(), name);
        if (!target.isDirectory()) {
            ctx.breakCaching(dir.child(target.id()), ctx.holder(), BreakIntent.NAMESPACE);
        }
        RemoveResult r = target.isDirectory()
                ? dir.fs().removeDirectory(dir.auth(), dir.node(), name)
                : dir.fs().remove(dir.auth(), dir.node(), name);
        ChangeInfo cinfo = ChangeInfo.of(r.directory());
        return OpResult.ok(cinfo::encode);
    }

    /** RENAME (section 16.27): from the saved directory to the current one. */
    public static OpResult rename(CompoundContext ctx, XdrReader in) {
        String from = Names4.component(in);
        String to = Names4.component(in);
        FileRef source = ctx.savedFile(Nfsstat4.NFS4ERR_ROFS);
        FileRef target = ctx.file(Nfsstat4.NFS4ERR_ROFS);
        if (source.share().id() != target.share().id()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_XDEV, "rename across shares");
        }
        breakNamed(ctx, source, from);
        breakNamed(ctx, target, to);
        RenameResult r = source.fs().rename(source.auth(), source.node(), from, target.node(), to);
        ChangeInfo s = ChangeInfo.of(r.from());
        ChangeInfo t = ChangeInfo.of(r.to());
        return OpResult.ok(out -> {
            s.encode(out);
            t.encode(out);
        });
    }

    /** Recalls others' caching of the file {@code name} names in {@code dir}, if there is one. */
    private static void breakNamed(CompoundContext ctx, FileRef dir, String name) {
        Attributes a;
        try {
            a = dir.fs().lookup(dir.auth(), dir.node(), name);
        } catch (FsException e) {
            return; // RENAME itself reports what is wrong with the name
        }
        if (!a.isDirectory()) {
            ctx.breakCaching(dir.child(a.id()), ctx.holder(), BreakIntent.NAMESPACE);
        }
    }

    /** LINK (section 16.9): the saved file gets a name in the current directory. */
    public static OpResult link(CompoundContext ctx, XdrReader in) {
        String name = Names4.component(in);
        FileRef file = ctx.savedFile(Nfsstat4.NFS4ERR_ISDIR);
        FileRef dir = ctx.file(Nfsstat4.NFS4ERR_ROFS);
        if (file.share().id() != dir.share().id()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_XDEV, "link across shares");
        }
        LinkResult r = dir.fs().link(dir.auth(), file.node(), dir.node(), name);
        ChangeInfo cinfo = ChangeInfo.of(r.directory());
        return OpResult.ok(cinfo::encode);
    }

    /** READLINK (section 16.25). */
    public static OpResult readlink(CompoundContext ctx, XdrReader in) {
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
        String target = f.fs().readLink(f.auth(), f.node());
        return OpResult.ok(out -> out.writeString(target));
    }
}
