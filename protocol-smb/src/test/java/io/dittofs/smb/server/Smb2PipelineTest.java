package io.dittofs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.Harness;
import io.dittofs.smb.Requests;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Golden bytes through the adapter's Netty pipeline: framing, header, credits, compounding, dispatch. */
class Smb2PipelineTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    /** A 3.1.1 NEGOTIATE as a client sends it: dialects 2.0.2 to 3.1.1 and a SHA-512 preauth context. */
    static final String NEGOTIATE_311 = "fe534d42" + "4000" + "0100" + "00000000" + "0000" + "1f00" + "00000000"
            + "00000000" + "00".repeat(8) + "00".repeat(8) + "00".repeat(8) + "00".repeat(16) // header
            + "2400" + "0500" + "0100" + "0000" + "04000000" // StructureSize .. Capabilities
            + "01020304050607080910111213141516" // ClientGuid
            + "70000000" + "0100" + "0000" // NegotiateContextOffset 112, count 1, Reserved2
            + "0202" + "1002" + "0003" + "0203" + "1103" + "0000" // Dialects, padding to 8
            + "0100" + "2600" + "00000000" + "0100" + "2000" + "0100" + "00".repeat(32); // preauth context

    @Test
    void aGoldenNegotiateRequestGetsA311ResponseWithPreauthContext() {
        ByteBuf req = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(NEGOTIATE_311));
        assertThat(req.getUnsignedShortLE(66)).isEqualTo(5); // DialectCount as hand-laid
        ByteBuf r = h.exchange(req);
        try {
            Smb2Header hdr = Smb2Header.decode(r);
            assertThat(hdr.command()).isEqualTo(Smb2Command.NEGOTIATE.code());
            assertThat(hdr.status()).isEqualTo(NtStatus.STATUS_SUCCESS.value());
            assertThat(hdr.flags() & Smb2Header.FLAG_SERVER_TO_REDIR).isNotZero();
            assertThat(hdr.messageId()).isZero();
            assertThat(hdr.credits()).isEqualTo(31);
            assertThat(r.getUnsignedShortLE(64)).isEqualTo(65); // StructureSize
            assertThat(r.getUnsignedShortLE(68)).isEqualTo(0x0311); // DialectRevision
            assertThat(r.getUnsignedShortLE(70)).isEqualTo(1); // NegotiateContextCount
            int secOffset = r.getUnsignedShortLE(120);
            assertThat((int) r.getUnsignedByte(secOffset)).isEqualTo(0x60); // SPNEGO InitialContextToken
            long ctxOffset = r.getUnsignedIntLE(124);
            assertThat(ctxOffset % 8).isZero();
            assertThat(r.getUnsignedShortLE((int) ctxOffset)).isEqualTo(1); // PREAUTH_INTEGRITY_CAPABILITIES
            assertThat(r.getUnsignedShortLE((int) ctxOffset + 8)).isEqualTo(1); // HashAlgorithmCount
            assertThat(r.getUnsignedShortLE((int) ctxOffset + 10)).isEqualTo(32); // SaltLength
            assertThat(r.getUnsignedShortLE((int) ctxOffset + 12)).isEqualTo(1); // SHA-512
        } finally {
            r.release();
        }
    }

    @Test
    void anSmb1NegotiateOfferingSmb2GetsTheWildcardDialectThenAnSmb2NegotiateWorks() {
        // SMB1 header (32 bytes) for SMB_COM_NEGOTIATE, WordCount 0, ByteCount, three dialects.
        String dialects = "024e54204c4d20302e313200" + "02534d4220322e30303200" + "02534d4220322e3f3f3f00";
        int byteCount = dialects.length() / 2;
        String smb1 = "ff534d4272" + "00".repeat(27) + "00"
                + String.format("%02x%02x", byteCount & 0xFF, byteCount >> 8) + dialects;
        ByteBuf r = h.exchange(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(smb1)));
        assertThat(r.getUnsignedShortLE(68)).isEqualTo(0x02FF);
        assertThat(Smb2Header.decode(r).credits()).isEqualTo(1);
        r.release();
        ByteBuf n = h.exchange(Requests.negotiate(1, 0x0202, 0x0210, 0x0300));
        assertThat(Smb2Header.decode(n).status()).isZero();
        assertThat(n.getUnsignedShortLE(68)).isEqualTo(0x0300);
        n.release();
    }

    @Test
    void aCommandThatNeedsASessionIsRefusedWithoutOne() {
        negotiate();
        ByteBuf r = h.exchange(Requests.simple(Smb2Command.CREATE, 1, 0x1234, 1, 57, 58));
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_USER_SESSION_DELETED.value());
        assertThat(r.getUnsignedShortLE(64)).isEqualTo(9); // ERROR body
        r.release();
    }

    @Test
    void anUnknownCommandIsNotSupported() {
        negotiate();
        ByteBuf req = Requests.simple(Smb2Command.ECHO, 1, 0, 0, 4, 4);
        req.setShortLE(12, 0x0042);
        ByteBuf r = h.exchange(req);
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_NOT_SUPPORTED.value());
        r.release();
    }

    @Test
    void unrelatedCompoundedEchoesGetCompoundedResponses() {
        negotiate();
        ByteBuf first = Requests.simple(Smb2Command.ECHO, 1, 0, 0, 4, 4);
        while (first.writerIndex() % 8 != 0) {
            first.writeByte(0);
        }
        first.setIntLE(Smb2Header.NEXT_COMMAND_OFFSET, first.writerIndex());
        ByteBuf r = h.exchange(Unpooled.wrappedBuffer(first, Requests.simple(Smb2Command.ECHO, 2, 0, 0, 4, 4)));
        long next = r.getUnsignedIntLE(Smb2Header.NEXT_COMMAND_OFFSET);
        assertThat(next).isEqualTo(72);
        assertThat(Smb2Header.decode(r).messageId()).isEqualTo(1);
        assertThat(Smb2Header.decode(r.slice((int) next, r.readableBytes() - (int) next))
                        .messageId())
                .isEqualTo(2);
        assertThat(r.readableBytes()).isEqualTo(72 + 68);
        r.release();
    }

    @Test
    void aMessageIdOutsideTheCreditWindowClosesTheConnection() {
        negotiate();
        ByteBuf r = h.exchange(Requests.simple(Smb2Command.ECHO, 5000, 0, 0, 4, 4));
        assertThat(r).isNull();
        assertThat(h.channel.isActive()).isFalse();
    }

    @Test
    void aReusedMessageIdClosesTheConnection() {
        negotiate();
        h.exchange(Requests.simple(Smb2Command.ECHO, 1, 0, 0, 4, 4)).release();
        assertThat(h.exchange(Requests.simple(Smb2Command.ECHO, 1, 0, 0, 4, 4))).isNull();
        assertThat(h.channel.isActive()).isFalse();
    }

    @Test
    void aReadWhoseCreditChargeDoesNotCoverItsLengthIsInvalid() {
        negotiate();
        ByteBuf req = Requests.simple(Smb2Command.READ, 1, 0, 0, 49, 49);
        req.setIntLE(68, 200_000); // Length: needs 4 credits, charges 1
        ByteBuf r = h.exchange(req);
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_INVALID_PARAMETER.value());
        r.release();
    }

    @Test
    void aTruncatedNegotiateIsInvalidNotACrash() {
        ByteBuf req = Requests.negotiate(0, 0x0202, 0x0210);
        req.writerIndex(70);
        ByteBuf r = h.exchange(req);
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_INVALID_PARAMETER.value());
        r.release();
    }

    @Test
    void cancelGetsNoResponse() {
        negotiate();
        assertThat(h.exchange(Requests.simple(Smb2Command.CANCEL, 1, 0, 0, 4, 4)))
                .isNull();
        assertThat(h.channel.isActive()).isTrue();
    }

    private void negotiate() {
        ByteBuf r = h.exchange(Requests.negotiate(0, 0x0202, 0x0210, 0x0300, 0x0302));
        assertThat(Smb2Header.decode(r).status()).isZero();
        r.release();
    }

    @Test
    void a311ClientOfferingGmacSigningAndGcmGetsThem() {
        ByteBuf req = Requests.negotiate(0, 0x0311);
        // Append an ENCRYPTION_CAPABILITIES (CCM, GCM) and a SIGNING_CAPABILITIES (CMAC, GMAC) context.
        int count = req.getUnsignedShortLE(96);
        while (req.writerIndex() % 8 != 0) {
            req.writeByte(0);
        }
        req.writeShortLE(2)
                .writeShortLE(6)
                .writeIntLE(0)
                .writeShortLE(2)
                .writeShortLE(1)
                .writeShortLE(2);
        while (req.writerIndex() % 8 != 0) {
            req.writeByte(0);
        }
        req.writeShortLE(8)
                .writeShortLE(6)
                .writeIntLE(0)
                .writeShortLE(2)
                .writeShortLE(1)
                .writeShortLE(2);
        req.setShortLE(96, count + 2);
        ByteBuf r = h.exchange(req);
        assertThat(r.getUnsignedShortLE(70)).isEqualTo(3);
        int at = (int) r.getUnsignedIntLE(124);
        int cipher = -1;
        int signing = -1;
        for (int i = 0; i < 3; i++) {
            at = (at + 7) & ~7;
            int type = r.getUnsignedShortLE(at);
            int len = r.getUnsignedShortLE(at + 2);
            if (type == 2) {
                cipher = r.getUnsignedShortLE(at + 10);
            } else if (type == 8) {
                signing = r.getUnsignedShortLE(at + 10);
            }
            at += 8 + len;
        }
        assertThat(cipher).isEqualTo(1); // the client's first choice: AES-128-CCM
        assertThat(signing).isEqualTo(2); // AES-GMAC
        r.release();
    }

    @Test
    void anEncryptedFrameForNoSessionClosesTheConnection() {
        negotiate();
        ByteBuf t = Unpooled.buffer()
                .writeInt(Smb2Header.TRANSFORM_PROTOCOL_ID)
                .writeZero(48)
                .writeZero(64);
        assertThat(h.exchange(t)).isNull();
        assertThat(h.channel.isActive()).isFalse();
    }
}
