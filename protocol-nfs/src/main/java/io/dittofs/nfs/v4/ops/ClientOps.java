package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.CompoundContext;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.OpResult;
import io.dittofs.nfs.v4.state.Nfs4Client;
import io.dittofs.nfs.xdr.XdrReader;

/**
 * The client-id operations of minor version 0: SETCLIENTID, SETCLIENTID_CONFIRM, RENEW and
 * RELEASE_LOCKOWNER (RFC 7530 sections 16.33, 16.34, 16.29, 16.37). The callback address a
 * client gives is read and not used: this server grants no delegations, so it never calls back.
 */
public final class ClientOps {
    private ClientOps() {}

    /** SETCLIENTID (section 16.33). */
    public static OpResult setclientid(CompoundContext ctx, XdrReader in) {
        long verifier = in.readLong();
        byte[] id = in.readOpaque(Nfs4.OPAQUE_LIMIT);
        in.readInt(); // cb_program
        in.readString(Nfs4.MAX_NAME); // r_netid
        in.readString(Nfs4.MAX_NAME); // r_addr
        in.readInt(); // callback_ident
        Nfs4Client c = ctx.server().state().setClientId(id, verifier);
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
