package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.FileRef;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.attr.Bitmap4;
import io.dittofs.nfs.v4.attr.Fattr4;
import io.dittofs.nfs.v4.state.DelegState;
import io.dittofs.nfs.v4.state.Nfs4Client;
import io.dittofs.nfs.v4.state.OpenOwner;
import io.dittofs.nfs.v4.state.OpenState;
import io.dittofs.nfs.v4.state.StateManager;
import io.dittofs.nfs.v4.state.Stateid;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Access;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.CreateMode;
import io.dittofs.runtime.fs.CreateResult;
import io.dittofs.runtime.fs.SetAttributes;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * OPEN, OPEN_CONFIRM, OPEN_DOWNGRADE, CLOSE, DELEGRETURN and DELEGPURGE (RFC 7530 sections
 * 16.16, 16.18, 16.19, 16.2, 16.6, 16.5). Share access and deny go to the runtime's open table,
 * so SMB share modes and NFSv4 reservations refuse each other. Clients that can be called back
 * (a 4.1 back channel, a 4.0 callback path that answered CB_NULL) get read delegations, which
 * the runtime's open table breaks (CB_RECALL) when anyone else opens the file for writing or
 * changes it.
 */
public final class OpenOps {
    private static final int OPEN4_CREATE = 1;
    private static final int UNCHECKED4 = 0;
    private static final int GUARDED4 = 1;
    private static final int EXCLUSIVE4 = 2;
    private static final int EXCLUSIVE4_1 = 3;
    private static final int CLAIM_NULL = 0;
    private static final int CLAIM_PREVIOUS = 1;
    private static final int CLAIM_DELEGATE_CUR = 2;
    private static final int CLAIM_DELEGATE_PREV = 3;
    private static final int CLAIM_FH = 4;
    private static final int CLAIM_DELEG_PREV_FH = 5;
    private static final int CLAIM_DELEG_CUR_FH = 6;
    private static final int OPEN4_RESULT_CONFIRM = 2;
    private static final int OPEN4_RESULT_LOCKTYPE_POSIX = 4;
    /** RFC 8881 section 18.16.4: the server may send CB_NOTIFY_LOCK for this file. */
    private static final int OPEN4_RESULT_MAY_NOTIFY_LOCK = 0x20;

    private static final int OPEN_DELEGATE_READ = 1;

    private OpenOps() {}

    /** The decoded OPEN4args. */
    private record OpenArgs(
            int seqid,
            int access,
            int deny,
            long clientId,
            byte[] owner,
            boolean create,
            int createMode,
            @Nullable Fattr4 attrs,
            long verifier,
            int claim,
            @Nullable String name) {}

    private static OpenArgs decode(XdrReader in) {
        int seqid = in.readInt();
        int access = in.readInt();
        int deny = in.readInt();
        long clientId = in.readLong();
        byte[] owner = in.readOpaque(Nfs4.OPAQUE_LIMIT);
        boolean create = in.readInt() == OPEN4_CREATE;
        int mode = -1;
        Fattr4 attrs = null;
        long verifier = 0;
        if (create) {
            mode = in.readInt();
            switch (mode) {
                case UNCHECKED4, GUARDED4 -> attrs = Fattr4.decode(in);
                case EXCLUSIVE4 -> verifier = in.readLong();
                case EXCLUSIVE4_1 -> {
                    verifier = in.readLong();
                    attrs = Fattr4.decode(in);
                }
                default -> throw new io.dittofs.nfs.xdr.XdrException("createmode4 " + mode);
            }
        }
        int claim = in.readInt();
        String name = null;
        switch (claim) {
            case CLAIM_NULL, CLAIM_DELEGATE_PREV -> name = in.readString(Nfs4.MAX_NAME);
            case CLAIM_PREVIOUS -> in.readInt();
            case CLAIM_DELEGATE_CUR -> {
                Stateid.decode(in);
                name = in.readString(Nfs4.MAX_NAME);
            }
            case CLAIM_FH, CLAIM_DELEG_PREV_FH -> {}
            case CLAIM_DELEG_CUR_FH -> Stateid.decode(in);
            default -> throw new io.dittofs.nfs.xdr.XdrException("open_claim_type4 " + claim);
        }
        return new OpenArgs(seqid, access, deny, clientId, owner, create, mode, attrs, verifier, claim, name);
    }

    /** OPEN (section 16.16). */
    public static OpResult open(CompoundContext ctx, XdrReader in) {
        OpenArgs a = decode(in);
        StateManager state = ctx.server().state();
        Nfs4Client client = ctx.client(a.clientId);
        OpenOwner owner = state.openOwner(client, a.owner);
        return sequenced(ctx, client, owner.seqids(), a.seqid, () -> Guard.run(() -> doOpen(ctx, a, client, owner)));
    }

    private static OpResult doOpen(CompoundContext ctx, OpenArgs a, Nfs4Client client, OpenOwner owner) {
        StateManager state = ctx.server().state();
        int access = a.access & 0xFF; // RFC 8881 section 18.16.3: the high bits are delegation wishes
        if (access < 1 || access > 3 || a.deny < 0 || a.deny > 3) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "share_access " + a.access + " share_deny " + a.deny);
        }
        FileRef file;
        ChangeInfo cinfo;
        Bitmap4 attrset = Bitmap4.EMPTY;
        switch (a.claim) {
            case CLAIM_NULL, CLAIM_DELEGATE_CUR -> {
                // CLAIM_DELEGATE_CUR: an open the client made under a delegation it now returns.
                if (a.claim == CLAIM_NULL) {
                    state.refuseInGrace();
                }
                FileRef dir = ctx.file(Nfsstat4.NFS4ERR_ROFS);
                String name = checkedName(a.name);
                if (a.create && a.claim == CLAIM_NULL) {
                    CreateResult r = create(ctx, dir, name, a);
                    file = new FileRef(dir.share(), dir.fs(), r.created().id(), dir.auth());
                    cinfo = ChangeInfo.of(r.directory());
                    if (!r.existed() && a.attrs != null) {
                        attrset = a.attrs.mask();
                    }
                    if (r.existed()) {
                        checkOpenable(r.created(), ctx.minorVersion());
                        checkAccess(file, access);
                    }
                } else {
                    Attributes d = dir.fs().getAttributes(dir.auth(), dir.node());
                    Names4.requireDirectory(d);
                    Attributes f = dir.fs().lookup(dir.auth(), dir.node(), name);
                    checkOpenable(f, ctx.minorVersion());
                    file = new FileRef(dir.share(), dir.fs(), f.id(), dir.auth());
                    checkAccess(file, access);
                    cinfo = new ChangeInfo(d.change(), d.change());
                }
            }
            case CLAIM_PREVIOUS, CLAIM_FH, CLAIM_DELEG_CUR_FH -> {
                if (a.claim == CLAIM_PREVIOUS) {
                    state.checkReclaim(client);
                } else if (a.claim == CLAIM_FH) {
                    state.refuseInGrace();
                }
                file = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
                Attributes f = file.fs().getAttributes(file.auth(), file.node());
                checkOpenable(f, ctx.minorVersion());
                checkAccess(file, access);
                cinfo = new ChangeInfo(0, 0);
            }
            default ->
                throw new Nfs4Exception(
                        Nfsstat4.NFS4ERR_NOTSUPP, "claim of a previous instance's delegation: " + a.claim);
        }
        if ((access & 2) != 0) {
            state.recallForWrite(file.key(), client.holder(), CompoundContext.RECALL_WAIT);
        }
        StateManager.Opened opened = state.open(owner, file.key(), file.handle(), access, a.deny, ctx.minorVersion());
        ctx.setCurrent(file.handle());
        ctx.setCurrentStateid(opened.stateid());
        // RFC 8881 section 10.4: a read delegation for a plain read open, when it can be recalled.
        Optional<DelegState> deleg = access == 1 && a.deny == 0 && (a.claim == CLAIM_NULL || a.claim == CLAIM_FH)
                ? state.grantRead(client, file.key(), file.handle())
                : Optional.empty();
        int rflags = OPEN4_RESULT_LOCKTYPE_POSIX
                | (opened.confirmNeeded() ? OPEN4_RESULT_CONFIRM : 0)
                | (state.mayNotifyLock(client) ? OPEN4_RESULT_MAY_NOTIFY_LOCK : 0);
        Stateid sid = opened.stateid();
        Bitmap4 set = attrset;
        return OpResult.ok(out -> {
            sid.encode(out);
            cinfo.encode(out);
            out.writeInt(rflags);
            set.encode(out);
            if (deleg.isPresent()) {
                out.writeInt(OPEN_DELEGATE_READ);
                deleg.get().stateid().encode(out);
                out.writeBoolean(false); // recall
                // nfsace4 permissions: who may open without asking; the client checks ACCESS anyway
                out.writeInt(0).writeInt(0).writeInt(0).writeString("EVERYONE@");
            } else {
                out.writeInt(0); // OPEN_DELEGATE_NONE
            }
        });
    }

    private static String checkedName(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "empty name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADNAME, "name '" + name + "'");
        }
        return name;
    }

    private static CreateResult create(CompoundContext ctx, FileRef dir, String name, OpenArgs a) {
        Fattr4.Settable settable =
                a.attrs == null ? new Fattr4.Settable(SetAttributes.NONE, null) : AttributeOps.initial(ctx, a.attrs);
        SetAttributes initial = settable.attributes();
        CreateMode mode =
                switch (a.createMode) {
                    case UNCHECKED4 -> CreateMode.UNCHECKED;
                    case GUARDED4 -> CreateMode.GUARDED;
                    // The runtime keeps the verifier apart from the attributes, so 0 is its only reserved value.
                    default -> new CreateMode.Exclusive(a.verifier == 0 ? 1 : a.verifier);
                };
        CreateResult r = dir.fs().createFile(dir.auth(), dir.node(), name, initial, mode);
        if (!r.existed()) {
            AttributeOps.applyInitialAcl(dir, settable, r.created());
        }
        return r;
    }

    /** Section 16.16.5: only regular files are opened. */
    private static void checkOpenable(Attributes a, int minorVersion) {
        switch (a.type()) {
            case REGULAR -> {}
            case DIRECTORY -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_ISDIR, "a directory");
            case SYMLINK -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_SYMLINK, "a symlink");
            default ->
                throw new Nfs4Exception(
                        minorVersion == 0 ? Nfsstat4.NFS4ERR_INVAL : Nfsstat4.NFS4ERR_WRONG_TYPE, "not a regular file");
        }
    }

    /** The caller must be allowed the access it opens for (section 16.16.5: NFS4ERR_ACCESS). */
    private static void checkAccess(FileRef f, int access) {
        int want = 0;
        if ((access & 1) != 0) {
            want |= Access.READ;
        }
        if ((access & 2) != 0) {
            want |= Access.MODIFY;
        }
        int granted = f.fs().access(f.auth(), f.node(), want | Access.EXECUTE);
        boolean readable = (granted & Access.READ) != 0 || (granted & Access.EXECUTE) != 0;
        if (((access & 1) != 0 && !readable) || ((access & 2) != 0 && (granted & Access.MODIFY) == 0)) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_ACCESS, "open for access " + access + " denied");
        }
    }

    /** OPEN_CONFIRM (section 16.18, minor version 0 only). */
    public static OpResult openConfirm(CompoundContext ctx, XdrReader in) {
        Stateid sid = Stateid.decode(in);
        int seqid = in.readInt();
        OpenState os = ctx.server().state().openState(sid, 0);
        return changeStateid(ctx, os, seqid, () -> ctx.server().state().confirmOpen(os));
    }

    /** CLOSE (section 16.2); minor version 1 answers the invalid stateid (RFC 8881 section 18.2.4). */
    public static OpResult close(CompoundContext ctx, XdrReader in) {
        int seqid = in.readInt();
        Stateid sid = ctx.resolve(Stateid.decode(in));
        OpenState os = ctx.server().state().openState(sid, ctx.minorVersion());
        return changeStateid(ctx, os, seqid, () -> {
            Stateid next = ctx.server().state().close(os);
            return ctx.minorVersion() == 0 ? next : Stateid.INVALID;
        });
    }

    /** OPEN_DOWNGRADE (section 16.19). */
    public static OpResult openDowngrade(CompoundContext ctx, XdrReader in) {
        Stateid sid = ctx.resolve(Stateid.decode(in));
        int seqid = in.readInt();
        int access = in.readInt() & 0xFF;
        int deny = in.readInt();
        OpenState os = ctx.server().state().openState(sid, ctx.minorVersion());
        return changeStateid(ctx, os, seqid, () -> {
            Stateid next = ctx.server().state().downgrade(os, access, deny);
            ctx.setCurrentStateid(next);
            return next;
        });
    }

    /** A seqid-sequenced operation of an open whose result is the open's new stateid. */
    private static OpResult changeStateid(CompoundContext ctx, OpenState os, int seqid, Supplier<Stateid> change) {
        StateManager state = ctx.server().state();
        return sequenced(
                ctx,
                os.client(),
                state.seqids(os),
                seqid,
                () -> Guard.run(() -> {
                    Stateid next = change.get();
                    return OpResult.ok(next::encode);
                }));
    }

    /** DELEGRETURN (section 16.6). */
    public static OpResult delegreturn(CompoundContext ctx, XdrReader in) {
        Stateid sid = ctx.resolve(Stateid.decode(in));
        ctx.currentHandle();
        ctx.server().state().returnDelegation(sid, ctx.minorVersion());
        return OpResult.ok();
    }

    /** DELEGPURGE (section 16.5): optional, for CLAIM_DELEGATE_PREV, which is not supported. */
    public static OpResult delegpurge(CompoundContext ctx, XdrReader in) {
        in.readLong();
        throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOTSUPP, "CLAIM_DELEGATE_PREV is not supported");
    }

    /** Minor version 0 sequences by owner seqid; minor version 1 has the session's slots instead. */
    static OpResult sequenced(
            CompoundContext ctx, Nfs4Client client, OpenOwner.SeqidWindow w, int seqid, Supplier<OpResult> work) {
        if (ctx.minorVersion() > 0) {
            return work.get();
        }
        return ctx.server().state().sequenced(client, w, seqid, work, OpResult::status);
    }
}
