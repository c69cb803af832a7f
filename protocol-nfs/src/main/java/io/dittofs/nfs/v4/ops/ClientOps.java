package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.state.Callback40;
import io.dittofs.nfs.v4.state.Nfs4Client;
import io.dittofs.nfs.xdr.XdrReader;

/**
 * The client-id operations of minor version 0: SETCLIENTID, SETCLIENTID_CONFIRM, RENEW and
 * RELEASE_LOCKOWNER (RFC 7530 sections 16.33, 16.34, 16.29, 16.37). The callback a client gives
 * in SETCLIENTID is probed with CB_NULL once confirmed, and used to recall its delegations.
 */
public final class ClientOps {
    private ClientOps() {}

    /** SETCLIENTID (section 16.33). */
    public static OpResult setclientid(CompoundContext ctx, XdrReader in) {
        long verifier = in.readLong();
        byte[] id = in.readOpaque(Nfs4.OPAQUE_LIMIT);
        int program = in.readInt();
        String netid = in.readString(Nfs4.MAX_NAME);
        String addr = in.readString(Nfs4.MAX_NAME);
        int ident = in.readInt();
        Nfs4Client c =
                ctx.server().state().setClientId(id, verifier, new Callback40.Address(program, netid, addr, ident));
        long clientId = c.id();
        long confirm = c.confirmVerifier();
        return OpResult.ok(out -> out.writeLong(clientId).writeLong(confirm));
    }

    /** SETCLIENTID_CONFIRM (section 16.34). */
    public static OpResult setclientidConfirm(CompoundContext ctx, XdrReader in) {
        long clientId = in.readLong();
        long confirm = in.readLong();
        ctx.server().state().confirmClientId(clientId, confirm);
        return OpResult.ok();
    }

    /** RENEW (section 16.29). */
    public static OpResult renew(CompoundContext ctx, XdrReader in) {
        ctx.server().state().client(in.readLong());
        return OpResult.ok();
    }

    /** RELEASE_LOCKOWNER (section 16.37). */
    public static OpResult releaseLockowner(CompoundContext ctx, XdrReader in) {
        long clientId = in.readLong();
        byte[] owner = in.readOpaque(Nfs4.OPAQUE_LIMIT);
        Nfs4Client c = ctx.server().state().client(clientId);
        ctx.server().state().releaseLockOwner(c, owner);
        return OpResult.ok();
    }
}
