package io.dittofs.nfs.v4;

import io.dittofs.nfs.rpc.RpcProcedure;
import io.dittofs.nfs.rpc.RpcProgram;
import io.dittofs.nfs.v3.NullHandler;
import io.dittofs.nfs.v4.ops.AttributeOps;
import io.dittofs.nfs.v4.ops.ClientOps;
import io.dittofs.nfs.v4.ops.DirectoryOps;
import io.dittofs.nfs.v4.ops.FilehandleOps;
import io.dittofs.nfs.v4.ops.IoOps;
import io.dittofs.nfs.v4.ops.LockOps;
import io.dittofs.nfs.v4.ops.OpenOps;
import io.dittofs.nfs.v4.ops.SessionOps;
import org.jspecify.annotations.Nullable;

/**
 * NFS version 4 (RFC 7530, RFC 8881 section 16): program 100003 version 4, whose only procedures
 * are NULL and COMPOUND. The table below is every operation this server implements; the other
 * operation numbers of the minor versions (pNFS layouts, directory delegations, SSV, OPENATTR)
 * answer NFS4ERR_NOTSUPP.
 */
public final class Nfs4Program implements RpcProgram {
    private final CompoundProcedure compound;

    public Nfs4Program(Nfs4Server server) {
        Nfs4Operation[] ops = new Nfs4Operation[Nfs4.OP_RECLAIM_COMPLETE + 1];
        ops[Nfs4.OP_ACCESS] = AttributeOps::access;
        ops[Nfs4.OP_CLOSE] = OpenOps::close;
        ops[Nfs4.OP_COMMIT] = IoOps::commit;
        ops[Nfs4.OP_CREATE] = DirectoryOps::create;
        ops[Nfs4.OP_DELEGPURGE] = OpenOps::delegpurge;
        ops[Nfs4.OP_DELEGRETURN] = OpenOps::delegreturn;
        ops[Nfs4.OP_GETATTR] = AttributeOps::getattr;
        ops[Nfs4.OP_GETFH] = FilehandleOps::getfh;
        ops[Nfs4.OP_LINK] = DirectoryOps::link;
        ops[Nfs4.OP_LOCK] = LockOps::lock;
        ops[Nfs4.OP_LOCKT] = LockOps::lockt;
        ops[Nfs4.OP_LOCKU] = LockOps::locku;
        ops[Nfs4.OP_LOOKUP] = FilehandleOps::lookup;
        ops[Nfs4.OP_LOOKUPP] = FilehandleOps::lookupp;
        ops[Nfs4.OP_NVERIFY] = AttributeOps::nverify;
        ops[Nfs4.OP_OPEN] = OpenOps::open;
        ops[Nfs4.OP_OPEN_CONFIRM] = minorZero(OpenOps::openConfirm);
        ops[Nfs4.OP_OPEN_DOWNGRADE] = OpenOps::openDowngrade;
        ops[Nfs4.OP_PUTFH] = FilehandleOps::putfh;
        ops[Nfs4.OP_PUTPUBFH] = FilehandleOps::putrootfh;
        ops[Nfs4.OP_PUTROOTFH] = FilehandleOps::putrootfh;
        ops[Nfs4.OP_READ] = IoOps::read;
        ops[Nfs4.OP_READDIR] = DirectoryOps::readdir;
        ops[Nfs4.OP_READLINK] = DirectoryOps::readlink;
        ops[Nfs4.OP_REMOVE] = DirectoryOps::remove;
        ops[Nfs4.OP_RENAME] = DirectoryOps::rename;
        ops[Nfs4.OP_RENEW] = minorZero(ClientOps::renew);
        ops[Nfs4.OP_RESTOREFH] = FilehandleOps::restorefh;
        ops[Nfs4.OP_SAVEFH] = FilehandleOps::savefh;
        ops[Nfs4.OP_SECINFO] = FilehandleOps::secinfo;
        ops[Nfs4.OP_SETATTR] = AttributeOps::setattr;
        ops[Nfs4.OP_SETCLIENTID] = minorZero(ClientOps::setclientid);
        ops[Nfs4.OP_SETCLIENTID_CONFIRM] = minorZero(ClientOps::setclientidConfirm);
        ops[Nfs4.OP_VERIFY] = AttributeOps::verify;
        ops[Nfs4.OP_WRITE] = IoOps::write;
        ops[Nfs4.OP_RELEASE_LOCKOWNER] = minorZero(ClientOps::releaseLockowner);
        ops[Nfs4.OP_BACKCHANNEL_CTL] = SessionOps::backchannelCtl;
        ops[Nfs4.OP_BIND_CONN_TO_SESSION] = SessionOps::bindConnToSession;
        ops[Nfs4.OP_EXCHANGE_ID] = SessionOps::exchangeId;
        ops[Nfs4.OP_CREATE_SESSION] = SessionOps::createSession;
        ops[Nfs4.OP_DESTROY_SESSION] = SessionOps::destroySession;
        ops[Nfs4.OP_FREE_STATEID] = SessionOps::freeStateid;
        ops[Nfs4.OP_SECINFO_NO_NAME] = FilehandleOps::secinfoNoName;
        ops[Nfs4.OP_SEQUENCE] = SessionOps::sequence;
        ops[Nfs4.OP_TEST_STATEID] = SessionOps::testStateid;
        ops[Nfs4.OP_DESTROY_CLIENTID] = SessionOps::destroyClientId;
        ops[Nfs4.OP_RECLAIM_COMPLETE] = SessionOps::reclaimComplete;
        this.compound = new CompoundProcedure(server, ops);
    }

    /** RFC 8881 section 18: operations of minor version 0 that minor version 1 made NOTSUPP. */
    private static Nfs4Operation minorZero(Nfs4Operation op) {
        return (ctx, in) -> ctx.minorVersion() == 0 ? op.execute(ctx, in) : OpResult.error(Nfsstat4.NFS4ERR_NOTSUPP);
    }

    @Override
    public int program() {
        return Nfs4.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Nfs4.VERSION;
    }

    @Override
    public int highVersion() {
        return Nfs4.VERSION;
    }

    @Override
    public @Nullable RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case Nfs4.PROC_NULL -> NullHandler.INSTANCE;
            case Nfs4.PROC_COMPOUND -> compound;
            default -> null;
        };
    }
}
