package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.rpc.Backchannel;
import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.attr.Bitmap4;
import io.dittofs.nfs.v4.state.Nfs4Client;
import io.dittofs.nfs.v4.state.Session;
import io.dittofs.nfs.v4.state.Slot;
import io.dittofs.nfs.v4.state.StateManager;
import io.dittofs.nfs.v4.state.Stateid;
import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.nio.charset.StandardCharsets;

/**
 * The session operations of minor version 1 (RFC 8881 section 18): EXCHANGE_ID, CREATE_SESSION,
 * DESTROY_SESSION, SEQUENCE, RECLAIM_COMPLETE, DESTROY_CLIENTID, FREE_STATEID, TEST_STATEID,
 * BIND_CONN_TO_SESSION and BACKCHANNEL_CTL. The back channel is the client's own connection: the
 * one that created the session (when it asked for CONN_BACK_CHAN) or bound itself to it later.
 */
public final class SessionOps {
    /** EXCHGID4_FLAG_USE_NON_PNFS (section 18.35.3): a plain NFS server. */
    private static final int USE_NON_PNFS = 0x0001_0000;
    /** EXCHGID4_FLAG_CONFIRMED_R. */
    private static final int CONFIRMED_R = 0x8000_0000;

    private static final int SP4_NONE = 0;
    /** CREATE_SESSION4_FLAG_CONN_BACK_CHAN (section 18.36.3). */
    private static final int CONN_BACK_CHAN = 2;

    private static final int SP4_MACH_CRED = 1;
    private static final byte[] SERVER_OWNER = "dittofs".getBytes(StandardCharsets.US_ASCII);
    /** Slots per session: enough for the Linux client's default of 64 in-flight requests. */
    private static final int MAX_SLOTS = 64;

    private static final int MAX_OPERATIONS = 64;
    private static final int MAX_CACHED_REPLY = 64 * 1024;
    /** Bytes of a reply beyond its data: RPC header and the other operations. */
    private static final int REPLY_HEADROOM = 64 * 1024;

    private SessionOps() {}

    /** EXCHANGE_ID (section 18.35). */
    public static OpResult exchangeId(CompoundContext ctx, XdrReader in) {
        long verifier = in.readLong();
        byte[] ownerId = in.readOpaque(Nfs4.OPAQUE_LIMIT);
        in.readInt(); // eia_flags: nothing a client may ask for changes what we do
        int how = in.readInt();
        switch (how) {
            case SP4_NONE -> {}
            case SP4_MACH_CRED -> {
                Bitmap4.decode(in); // spo_must_enforce
                Bitmap4.decode(in); // spo_must_allow
            }
            default -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOTSUPP, "state protection " + how);
        }
        int impls = in.readArrayLength(1);
        for (int i = 0; i < impls; i++) {
            in.readString(Nfs4.MAX_NAME);
            in.readString(Nfs4.MAX_NAME);
            in.readLong();
            in.readInt();
        }
        StateManager.Exchange x = ctx.server().state().exchangeId(ownerId, verifier);
        Nfs4Client c = x.client();
        long clientId = c.id();
        int flags = USE_NON_PNFS | (x.alreadyConfirmed() ? CONFIRMED_R : 0);
        int seq = ctx.server().state().nextCreateSessionSeq(c);
        return OpResult.ok(out -> {
            out.writeLong(clientId).writeInt(seq).writeInt(flags);
            out.writeInt(SP4_NONE);
            out.writeLong(0).writeOpaque(SERVER_OWNER); // server_owner4
            out.writeOpaque(SERVER_OWNER); // server scope
            out.writeInt(0); // no server_impl_id
        });
    }

    /** channel_attrs4 (section 18.36.1). */
    private record ChannelAttrs(
            int headerPad, int maxRequest, int maxResponse, int maxResponseCached, int maxOps, int maxRequests) {
        static ChannelAttrs decode(XdrReader in) {
            ChannelAttrs a = new ChannelAttrs(
                    in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            int ird = in.readArrayLength(1);
            for (int i = 0; i < ird; i++) {
                in.readInt();
            }
            return a;
        }

        void encode(XdrWriter out) {
            out.writeInt(headerPad)
                    .writeInt(maxRequest)
                    .writeInt(maxResponse)
                    .writeInt(maxResponseCached)
                    .writeInt(maxOps)
                    .writeInt(maxRequests)
                    .writeInt(0);
        }
    }

    /** callback_sec_parms4 (section 18.36.1): whether AUTH_SYS is among the flavors offered. */
    private static boolean callbackSecurity(XdrReader in) {
        boolean sys = false;
        int n = in.readArrayLength(16);
        for (int i = 0; i < n; i++) {
            int flavor = in.readInt();
            switch (flavor) {
                case Nfs4.AUTH_NONE -> {}
                case Nfs4.AUTH_SYS -> {
                    sys = true;
                    in.readInt();
                    in.readString(255);
                    in.readInt();
                    in.readInt();
                    int gids = in.readArrayLength(16);
                    for (int g = 0; g < gids; g++) {
                        in.readInt();
                    }
                }
                case 6 -> { // RPCSEC_GSS: service, server handle, client handle
                    in.readInt();
                    in.readOpaque(Nfs4.OPAQUE_LIMIT);
                    in.readOpaque(Nfs4.OPAQUE_LIMIT);
                }
                default -> throw new XdrException("callback security flavor " + flavor);
            }
        }
        return sys;
    }

    /** CREATE_SESSION (section 18.36). */
    public static OpResult createSession(CompoundContext ctx, XdrReader in) {
        long clientId = in.readLong();
        int sequence = in.readInt();
        int askedFlags = in.readInt(); // no persistence, no RDMA; the back channel when we can
        ChannelAttrs fore = ChannelAttrs.decode(in);
        ChannelAttrs back = ChannelAttrs.decode(in);
        int cbProgram = in.readInt();
        boolean cbSys = callbackSecurity(in);
        Backchannel connection = ctx.rpc().backchannel();
        int flags = (askedFlags & CONN_BACK_CHAN) != 0 && connection != null ? CONN_BACK_CHAN : 0;
        int maxRequest = clamp(fore.maxRequest, ctx.server().settings().maxWriteSize() + REPLY_HEADROOM);
        int maxResponse = clamp(fore.maxResponse, ctx.server().settings().maxReadSize() + REPLY_HEADROOM);
        int cached = clamp(fore.maxResponseCached, MAX_CACHED_REPLY);
        int ops = clamp(fore.maxOps, MAX_OPERATIONS);
        int slots = Math.max(1, clamp(fore.maxRequests, MAX_SLOTS));
        StateManager state = ctx.server().state();
        return switch (state.createSession(clientId, sequence, slots, maxRequest, maxResponse, ops)) {
            case StateManager.SessionCreation.Replay r -> OpResult.ok((XdrEncodable) r.reply());
            case StateManager.SessionCreation.Created c -> {
                Session s = c.session();
                s.callbacks().program(cbProgram, cbSys);
                if (flags != 0) {
                    s.callbacks().bind(connection);
                }
                ChannelAttrs granted = new ChannelAttrs(0, maxRequest, maxResponse, cached, ops, slots);
                ChannelAttrs backGranted =
                        new ChannelAttrs(0, back.maxRequest, back.maxResponse, back.maxResponseCached, back.maxOps, 1);
                byte[] id = s.id();
                XdrEncodable reply = out -> {
                    out.writeFixedOpaque(id).writeInt(sequence).writeInt(flags);
                    granted.encode(out);
                    backGranted.encode(out);
                };
                state.createSessionReplied(s.client(), sequence, reply);
                yield OpResult.ok(reply);
            }
        };
    }

    private static int clamp(int asked, int most) {
        return asked <= 0 ? most : Math.min(asked, most);
    }

    /** DESTROY_SESSION (section 18.37). */
    public static OpResult destroySession(CompoundContext ctx, XdrReader in) {
        ctx.server().state().destroySession(in.readFixedOpaque(Nfs4.SESSIONID_SIZE));
        return OpResult.ok();
    }

    /** SEQUENCE (section 18.46): binds the COMPOUND to a slot, replays a retry from its cache. */
    public static OpResult sequence(CompoundContext ctx, XdrReader in) {
        byte[] id = in.readFixedOpaque(Nfs4.SESSIONID_SIZE);
        int seqid = in.readInt();
        int slotId = in.readInt();
        in.readInt(); // sa_highest_slotid
        boolean cacheThis = in.readBoolean();
        Session s = ctx.server().state().session(id);
        if (slotId < 0 || slotId > s.highestSlot()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADSLOT, "slot " + slotId);
        }
        Slot slot = s.slots()[slotId];
        switch (slot.begin(seqid)) {
            case NEW -> {}
            case REPLAY -> {
                byte[] cached = slot.cachedReply();
                if (cached == null) {
                    throw new Nfs4Exception(Nfsstat4.NFS4ERR_RETRY_UNCACHED_REP, "reply was not cached");
                }
                ctx.replay(cached);
                return OpResult.ok();
            }
            case IN_PROGRESS -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_DELAY, "slot busy");
            case MISORDERED -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_SEQ_MISORDERED, "seqid " + seqid);
        }
        ctx.bind(s, slot, cacheThis);
        ctx.server().state().renew(s);
        int highest = s.highestSlot();
        return OpResult.ok(out -> {
            out.writeFixedOpaque(id)
                    .writeInt(seqid)
                    .writeInt(slotId)
                    .writeInt(highest)
                    .writeInt(highest);
            out.writeInt(0); // sr_status_flags
        });
    }

    /** RECLAIM_COMPLETE (section 18.51). */
    public static OpResult reclaimComplete(CompoundContext ctx, XdrReader in) {
        boolean oneFs = in.readBoolean();
        if (!oneFs) {
            ctx.server().state().reclaimComplete(ctx.sessionClient());
        }
        return OpResult.ok();
    }

    /** DESTROY_CLIENTID (section 18.50). */
    public static OpResult destroyClientId(CompoundContext ctx, XdrReader in) {
        ctx.server().state().destroyClientId(in.readLong());
        return OpResult.ok();
    }

    /** FREE_STATEID (section 18.38). */
    public static OpResult freeStateid(CompoundContext ctx, XdrReader in) {
        ctx.server().state().free(ctx.resolve(Stateid.decode(in)));
        return OpResult.ok();
    }

    /** TEST_STATEID (section 18.48). */
    public static OpResult testStateid(CompoundContext ctx, XdrReader in) {
        int n = in.readArrayLength(1024);
        int[] status = new int[n];
        for (int i = 0; i < n; i++) {
            status[i] = ctx.server().state().test(Stateid.decode(in));
        }
        return OpResult.ok(out -> {
            out.writeInt(n);
            for (int st : status) {
                out.writeInt(st);
            }
        });
    }

    /**
     * BIND_CONN_TO_SESSION (section 18.34): the connection serves the fore channel, and the back
     * channel too when the client asks for it (CDFC4_BACK, CDFC4_FORE_OR_BOTH, CDFC4_BACK_OR_BOTH).
     */
    public static OpResult bindConnToSession(CompoundContext ctx, XdrReader in) {
        byte[] id = in.readFixedOpaque(Nfs4.SESSIONID_SIZE);
        int dir = in.readInt();
        in.readBoolean(); // bctsa_use_conn_in_rdma_mode
        Session s = ctx.server().state().session(id);
        Backchannel connection = ctx.rpc().backchannel();
        boolean back = (dir & 2) != 0 && connection != null;
        if (back) {
            s.callbacks().bind(connection);
        }
        int reply = !back ? 1 : dir == 2 ? 2 : 3; // CDFS4_FORE, CDFS4_BACK, CDFS4_BOTH
        return OpResult.ok(out -> out.writeFixedOpaque(id).writeInt(reply).writeBoolean(false));
    }

    /** BACKCHANNEL_CTL (section 18.33): a new callback program and security for the session. */
    public static OpResult backchannelCtl(CompoundContext ctx, XdrReader in) {
        int program = in.readInt();
        boolean sys = callbackSecurity(in);
        Session s = ctx.session();
        if (s == null) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_OP_NOT_IN_SESSION, "no session");
        }
        s.callbacks().program(program, sys);
        return OpResult.ok();
    }
}
