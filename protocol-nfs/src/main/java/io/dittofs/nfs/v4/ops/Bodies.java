package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes a result body at once, inside the operation, so that a failure while encoding (an
 * attribute the store cannot produce) is the operation's failure and not the COMPOUND's.
 */
final class Bodies {
    private Bodies() {}

    static XdrEncodable now(ByteBufAllocator alloc, XdrEncodable body) {
        XdrWriter w = new XdrWriter(alloc);
        try {
            body.encode(w);
        } catch (RuntimeException e) {
            w.release();
            throw e;
        }
        ByteBuf b = w.finish();
        return out -> out.writeRaw(b);
    }
}
