package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.FileRef;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.state.LockOwnerState;
import io.dittofs.nfs.v4.state.LockState;
import io.dittofs.nfs.v4.state.Nfs4Client;
import io.dittofs.nfs.v4.state.OpenState;
import io.dittofs.nfs.v4.state.StateManager;
import io.dittofs.nfs.v4.state.Stateid;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.lock.ByteRange;
import io.dittofs.runtime.lock.Lock;
import io.dittofs.runtime.lock.LockType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * LOCK, LOCKT and LOCKU (RFC 7530 sections 16.10 - 16.12) on the runtime's lock manager, so
 * that NFSv4, NLM and SMB locks conflict. Blocking lock types (READW_LT, WRITEW_LT) are answered
 * like the others, NFS4ERR_DENIED, and the client polls (section 9.4); a minor version 1 client
 * with a back channel is also told with CB_NOTIFY_LOCK once the range is free (RFC 8881
 * section 20.11), so it need not wait for its next poll.
 */
public final class LockOps {
    private static final int READ_LT = 1;
    private static final int WRITE_LT = 2;
    private static final int READW_LT = 3;
    private static final int WRITEW_LT = 4;

    private LockOps() {}

    private static LockType type(int locktype) {
        return switch (locktype) {
            case READ_LT, READW_LT -> LockType.SHARED;
            case WRITE_LT, WRITEW_LT -> LockType.EXCLUSIVE;
            default -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "nfs_lock_type4 " + locktype);
        };
    }

    /** Section 16.10.4: length 0 is NFS4ERR_INVAL, all ones means to the end, no wrap past 2^64. */
    static ByteRange range(long offset, long length) {
        if (length == 0) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "zero length");
        }
        if (length != -1 && Long.compareUnsigned(length, -1L - offset) > 0) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "range wraps past 2^64");
        }
        if (offset < 0) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_RANGE, "offset beyond 2^63");
        }
        return length == -1 ? new ByteRange(offset, ByteRange.TO_END) : ByteRange.of(offset, length);
    }

    /** LOCK (section 16.10). */
    public static OpResult lock(CompoundContext ctx, XdrReader in) {
        int locktype = in.readInt();
        boolean reclaim = in.readBoolean();
        long offset = in.readLong();
        long length = in.readLong();
        boolean newOwner = in.readBoolean();
        StateManager state = ctx.server().state();
        LockType type = type(locktype);
        boolean blocking = locktype == READW_LT || locktype == WRITEW_LT;
        if (newOwner) {
            int openSeqid = in.readInt();
            Stateid openSid = ctx.resolve(Stateid.decode(in));
            int lockSeqid = in.readInt();
            in.readLong(); // the lock owner's clientid: the open's client is the one that counts
            byte[] owner = in.readOpaque(Nfs4.OPAQUE_LIMIT);
            OpenState os = state.openState(openSid, ctx.minorVersion());
            Nfs4Client client = os.client();
            return OpenOps.sequenced(
                    ctx,
                    client,
                    state.seqids(os),
                    openSeqid,
                    () -> Guard.run(() -> {
                        LockOwnerState lo = state.lockOwner(client, owner);
                        LockState ls = state.lockStateFor(lo, os);
                        OpResult r = take(ctx, ls, type, blocking, reclaim, offset, length);
                        if (r.status() == Nfsstat4.NFS4_OK) {
                            lo.seqids().start(lockSeqid);
                        }
                        return r;
                    }));
        }
        Stateid lockSid = ctx.resolve(Stateid.decode(in));
        int lockSeqid = in.readInt();
        LockState ls = state.lockState(lockSid, ctx.minorVersion());
        return OpenOps.sequenced(
                ctx,
                state.clientOf(ls),
                state.seqids(ls),
                lockSeqid,
                () -> Guard.run(() -> take(ctx, ls, type, blocking, reclaim, offset, length)));
    }

    private static OpResult take(
            CompoundContext ctx,
            LockState ls,
            LockType type,
            boolean blocking,
            boolean reclaim,
            long offset,
            long length) {
        StateManager state = ctx.server().state();
        if (reclaim) {
            state.checkReclaim(state.clientOf(ls));
        } else {
            state.refuseInGrace();
        }
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
        if (!f.key().equals(state.fileOf(ls))) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BAD_STATEID, "lock stateid of another file");
        }
        ByteRange range = range(offset, length);
        Optional<StateManager.Denied> denied = state.lock(ls, type, range);
        if (denied.isPresent()) {
            if (blocking) {
                state.notifyWhenLockable(ls, type, range);
            }
            Lock c = denied.get().conflict();
            return new OpResult(Nfsstat4.NFS4ERR_DENIED, out -> encodeDenied(out, c));
        }
        Stateid sid = state.stateidOf(ls);
        ctx.setCurrentStateid(sid);
        return OpResult.ok(sid::encode);
    }

    /** LOCK4denied (section 16.10.2): the conflicting range, type and owner. */
    private static void encodeDenied(XdrWriter out, Lock c) {
        long length = c.range().end() == ByteRange.TO_END ? -1 : c.range().length();
        out.writeLong(c.range().start()).writeLong(length);
        out.writeInt(c.type() == LockType.EXCLUSIVE ? WRITE_LT : READ_LT);
        String owner = c.owner().id();
        long clientId = 0;
        byte[] ownerBytes = owner.getBytes(StandardCharsets.UTF_8);
        String[] parts = owner.split(":");
        if (parts.length == 3 && parts[0].equals("nfs4")) {
            try {
                clientId = Long.parseUnsignedLong(parts[1], 16);
                ownerBytes = HexFormat.of().parseHex(parts[2]);
            } catch (IllegalArgumentException e) {
                // not one of ours after all: report the owner string as it is
            }
        }
        out.writeLong(clientId).writeOpaque(ownerBytes.length > Nfs4.OPAQUE_LIMIT ? new byte[0] : ownerBytes);
    }

    /** LOCKT (section 16.11). */
    public static OpResult lockt(CompoundContext ctx, XdrReader in) {
        LockType type = type(in.readInt());
        long offset = in.readLong();
        long length = in.readLong();
        long clientId = in.readLong();
        byte[] owner = in.readOpaque(Nfs4.OPAQUE_LIMIT);
        StateManager state = ctx.server().state();
        state.refuseInGrace();
        FileRef f = ctx.file(Nfsstat4.NFS4ERR_ISDIR);
        Nfs4Client client = ctx.client(clientId);
        LockOwnerState lo = state.lockOwner(client, owner);
        Optional<Lock> c = state.testLock(f.key(), lo, type, range(offset, length));
        if (c.isPresent()) {
            Lock conflict = c.get();
            return new OpResult(Nfsstat4.NFS4ERR_DENIED, out -> encodeDenied(out, conflict));
        }
        return OpResult.ok();
    }

    /** LOCKU (section 16.12). */
    public static OpResult locku(CompoundContext ctx, XdrReader in) {
        type(in.readInt());
        int seqid = in.readInt();
        Stateid sid = ctx.resolve(Stateid.decode(in));
        long offset = in.readLong();
        long length = in.readLong();
        StateManager state = ctx.server().state();
        LockState ls = state.lockState(sid, ctx.minorVersion());
        ByteRange range = range(offset, length);
        return OpenOps.sequenced(
                ctx,
                state.clientOf(ls),
                state.seqids(ls),
                seqid,
                () -> Guard.run(() -> {
                    Stateid next = state.unlock(ls, range);
                    return OpResult.ok(next::encode);
                }));
    }
}
