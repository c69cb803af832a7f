package io.dittofs.smb.handlers;

import io.dittofs.smb.messages.Smb2NegotiateResponse;
import io.dittofs.smb.server.Connection;
import io.dittofs.smb.server.SmbServer;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMB1 multi-protocol NEGOTIATE (MS-SMB2 section 3.3.5.3.1; MS-CIFS 2.2.4.52.1): a client
 * that offers "SMB 2.???" gets an SMB2 NEGOTIATE response with dialect 0x02FF and sends a real
 * SMB2 NEGOTIATE next; one that offers only "SMB 2.002" gets 2.0.2 at once. Anything else (SMB1
 * only) is disconnected: this server does not speak SMB1.
 */
public final class Smb1NegotiateHandler implements io.dittofs.smb.server.Smb1Negotiate {
    private static final Logger LOG = LoggerFactory.getLogger(Smb1NegotiateHandler.class);
    private static final int SMB_COM_NEGOTIATE = 0x72;
    private static final int SMB1_HEADER = 32;

    private final SmbServer server;

    public Smb1NegotiateHandler(SmbServer server) {
        this.server = server;
    }

    @Override
    public void process(Connection conn, ByteBuf frame) {
        List<String> dialects = dialects(frame);
        int revision;
        if (conn.negotiated() || dialects == null) {
            revision = -1;
        } else if (dialects.contains("SMB 2.???")) {
            revision = Dialect.WILDCARD;
        } else if (dialects.contains("SMB 2.002")) {
            revision = Dialect.SMB_2_0_2.revision();
        } else {
            revision = -1;
        }
        if (revision < 0 || !conn.credits().consume(0, 1)) {
            LOG.warn("closing connection from {}: SMB1 request without an SMB2 dialect", conn.client());
            conn.close();
            return;
        }
        Smb2NegotiateResponse body = Smb2NegotiateHandler.response(server, revision, List.of(), false);
        if (revision == Dialect.WILDCARD) {
            conn.wildcardNegotiated();
        } else {
            conn.negotiate(
                    Dialect.SMB_2_0_2,
                    new Connection.ClientNegotiate(0, 0, new byte[16], List.of(revision)),
                    body.securityMode(),
                    body.capabilities(),
                    io.dittofs.smb.signing.SigningAlgorithm.HMAC_SHA256,
                    null);
        }
        ByteBuf out = conn.alloc().buffer();
        int granted = conn.credits().grant(1);
        new Smb2Header(
                        0,
                        NtStatus.STATUS_SUCCESS.value(),
                        Smb2Command.NEGOTIATE.code(),
                        granted,
                        Smb2Header.FLAG_SERVER_TO_REDIR,
                        0,
                        0,
                        0,
                        0,
                        0,
                        new byte[16])
                .encode(out);
        body.encode(out, 0);
        conn.send(out);
    }

    /** The dialect strings of an SMB_COM_NEGOTIATE, or {@code null} when the frame is not one. */
    static @org.jspecify.annotations.Nullable List<String> dialects(ByteBuf frame) {
        int base = frame.readerIndex();
        int end = frame.writerIndex();
        if (end - base < SMB1_HEADER + 3 || frame.getUnsignedByte(base + 4) != SMB_COM_NEGOTIATE) {
            return null;
        }
        int wordCount = frame.getUnsignedByte(base + SMB1_HEADER);
        int byteCountAt = base + SMB1_HEADER + 1 + 2 * wordCount;
        if (byteCountAt + 2 > end) {
            return null;
        }
        int byteCount = frame.getUnsignedShortLE(byteCountAt);
        int at = byteCountAt + 2;
        int stop = Math.min(end, at + byteCount);
        List<String> out = new ArrayList<>();
        while (at < stop) {
            if (frame.getUnsignedByte(at) != 0x02) { // BufferFormat: dialect
                return null;
            }
            int nul = frame.indexOf(at + 1, stop, (byte) 0);
            if (nul < 0) {
                return null;
            }
            out.add(frame.toString(at + 1, nul - at - 1, StandardCharsets.US_ASCII));
            at = nul + 1;
        }
        return out;
    }
}
