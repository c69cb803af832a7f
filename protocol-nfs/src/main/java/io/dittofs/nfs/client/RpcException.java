package io.dittofs.nfs.client;

import io.dittofs.nfs.rpc.RpcReply;

/** A call that did not succeed at the RPC level (anything but an accepted SUCCESS reply). */
public final class RpcException extends RuntimeException {
    private final RpcReply reply;

    public RpcException(RpcReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public RpcReply reply() {
        return reply;
    }
}
