package io.dittofs.smb.server;

import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.dittofs.smb.wire.SmbProtocolException;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The credit charge of a request (MS-SMB2 section 3.3.5.2.5): one credit per started 64 KiB of
 * the larger of its payload and its expected response for READ, WRITE, IOCTL and
 * QUERY_DIRECTORY under large MTU; one for everything else. A request whose CreditCharge does
 * not cover its payload fails with STATUS_INVALID_PARAMETER.
 */
final class CreditCharge {
    private CreditCharge() {}

    static int of(Connection conn, @Nullable Smb2Command cmd, ByteBuf msg, Smb2Header h) {
        if (!conn.supportsMultiCredit()) {
            return 1; // 2.0.2: CreditCharge is reserved, every request costs one
        }
        int declared = Math.max(1, h.creditCharge());
        long payload = cmd == null ? 0 : payload(cmd, msg);
        long needed = payload == 0 ? 1 : (payload - 1) / 65536 + 1;
        if (needed > declared) {
            throw SmbProtocolException.invalid(
                    "CreditCharge " + declared + " below the " + needed + " its payload needs");
        }
        return declared;
    }

    private static long payload(Smb2Command cmd, ByteBuf msg) {
        int w = msg.writerIndex();
        return switch (cmd) {
            case READ -> w >= 72 ? msg.getUnsignedIntLE(68) : 0; // Length
            case WRITE -> w >= 72 ? msg.getUnsignedIntLE(68) : 0; // Length
            case QUERY_DIRECTORY -> w >= 96 ? msg.getUnsignedIntLE(92) : 0; // OutputBufferLength
            case IOCTL -> w >= 112 ? Math.max(msg.getUnsignedIntLE(92), msg.getUnsignedIntLE(108)) : 0;
            default -> 0;
        };
    }
}
