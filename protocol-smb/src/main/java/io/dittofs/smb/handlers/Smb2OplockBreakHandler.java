package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.OplockBreakMessages;
import io.dittofs.smb.server.Open;
import io.dittofs.smb.server.Reply;
import io.dittofs.smb.server.RequestContext;
import io.dittofs.smb.server.Smb2Handler;
import io.dittofs.smb.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/**
 * SMB2 OPLOCK_BREAK from a client: the acknowledgment of an oplock break (MS-SMB2 3.3.5.22.1,
 * names the open) or of a lease break (3.3.5.22.2, names the lease key of this client).
 */
public final class Smb2OplockBreakHandler implements Smb2Handler {
    @Override
    public Reply handle(RequestContext ctx, ByteBuf msg) {
        if (OplockBreakMessages.kind(msg) == OplockBreakMessages.LEASE_ACK_SIZE) {
            OplockBreakMessages.LeaseAck ack = OplockBreakMessages.decodeLeaseAck(msg);
            NtStatus s = ctx.server().leases().acknowledgeLease(Smb2CreateHandler.client(ctx), ack.key(), ack.state());
            return s == NtStatus.STATUS_SUCCESS ? Reply.ok(ack) : Reply.error(s);
        }
        OplockBreakMessages.Oplock ack = OplockBreakMessages.decodeOplockAck(msg);
        Open open = ctx.connection().open(ack.fileId().volatileId());
        if (open == null || open.fileId().persistent() != ack.fileId().persistent()) {
            return Reply.error(NtStatus.STATUS_FILE_CLOSED);
        }
        NtStatus s = ctx.server().leases().acknowledgeOplock(open, ack.level());
        return s == NtStatus.STATUS_SUCCESS ? Reply.ok(ack) : Reply.error(s);
    }
}
