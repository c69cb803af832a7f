package io.dittofs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.Harness;
import io.dittofs.smb.RawClient;
import io.dittofs.smb.Requests;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Related and unrelated compounds (MS-SMB2 3.3.5.2.7) after a real NTLMv2 login. */
class CompoundTest {
    private final Harness h = new Harness();
    private final RawClient c = new RawClient(h);

    @AfterEach
    void close() {
        h.close();
    }

    private ByteBuf create(String name, int disposition) {
        ByteBuf b = Requests.header(Smb2Command.CREATE, c.nextMessageId(), c.sessionId, c.treeId);
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        b.writeShortLE(57).writeByte(0).writeByte(0).writeIntLE(2); // StructureSize .. ImpersonationLevel
        b.writeLongLE(0).writeLongLE(0); // SmbCreateFlags, Reserved
        b.writeIntLE(0x0012019F)
                .writeIntLE(0)
                .writeIntLE(7)
                .writeIntLE(disposition)
                .writeIntLE(0x40);
        b.writeShortLE(120).writeShortLE(n.length).writeIntLE(0).writeIntLE(0).writeBytes(n);
        return b;
    }

    private ByteBuf queryStandard(boolean related) {
        ByteBuf b = Requests.header(
                Smb2Command.QUERY_INFO, c.nextMessageId(), related ? -1 : c.sessionId, related ? -1 : c.treeId);
        b.writeShortLE(41)
                .writeByte(1)
                .writeByte(5)
                .writeIntLE(1024)
                .writeShortLE(0)
                .writeShortLE(0);
        b.writeIntLE(0).writeIntLE(0).writeIntLE(0).writeLongLE(-1).writeLongLE(-1); // FileId: the compound's
        return b;
    }

    private ByteBuf closeCompounded() {
        ByteBuf b = Requests.header(Smb2Command.CLOSE, c.nextMessageId(), -1, -1);
        b.writeShortLE(24).writeShortLE(1).writeIntLE(0).writeLongLE(-1).writeLongLE(-1);
        return b;
    }

    private static ByteBuf chain(ByteBuf... parts) {
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                parts[i].setIntLE(Smb2Header.FLAGS_OFFSET, Smb2Header.FLAG_RELATED_OPERATIONS);
            }
            if (i + 1 < parts.length) {
                while (parts[i].writerIndex() % 8 != 0) {
                    parts[i].writeByte(0);
                }
                parts[i].setIntLE(Smb2Header.NEXT_COMMAND_OFFSET, parts[i].writerIndex());
            }
        }
        return Unpooled.wrappedBuffer(parts);
    }

    private static List<Smb2Header> headers(ByteBuf r) {
        List<Smb2Header> out = new ArrayList<>();
        int at = 0;
        while (true) {
            Smb2Header hdr = Smb2Header.decode(r.slice(at, r.readableBytes() - at));
            out.add(hdr);
            if (hdr.nextCommand() == 0) {
                return out;
            }
            assertThat(hdr.nextCommand() % 8).isZero();
            at += hdr.nextCommand();
        }
    }

    @Test
    void aRelatedCreateQueryInfoCloseUsesTheCreatedFile() {
        c.login("alice", "Secret123");
        ByteBuf r = h.exchange(chain(create("compound.txt", 3), queryStandard(true), closeCompounded()));
        List<Smb2Header> hs = headers(r);
        assertThat(hs).extracting(Smb2Header::status).containsOnly(0);
        assertThat(hs)
                .extracting(Smb2Header::command)
                .containsExactly(Smb2Command.CREATE.code(), Smb2Command.QUERY_INFO.code(), Smb2Command.CLOSE.code());
        assertThat(hs.get(1).sessionId()).isEqualTo(c.sessionId);
        r.release();
        int share = h.server.runtime().shares().all().getFirst().id();
        assertThat(h.server.runtime().opens().openCount(share)).isZero(); // the compounded CLOSE closed it
    }

    @Test
    void whenTheCreateOfARelatedChainFailsTheRestFailWithItsStatus() {
        c.login("alice", "Secret123");
        ByteBuf r = h.exchange(chain(create("missing.txt", 1), queryStandard(true), closeCompounded()));
        assertThat(headers(r))
                .extracting(Smb2Header::status)
                .containsOnly(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND.value());
        r.release();
    }

    @Test
    void anAllOnesFileIdOutsideARelatedChainIsInvalid() {
        c.login("alice", "Secret123");
        ByteBuf r = h.exchange(queryStandard(false));
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_INVALID_PARAMETER.value());
        r.release();
    }

    @Test
    void aSessionIdThatWasNeverEstablishedIsRefusedEvenWithAValidTree() {
        c.login("alice", "Secret123");
        ByteBuf b = Requests.header(Smb2Command.QUERY_INFO, c.nextMessageId(), c.sessionId + 1, c.treeId);
        b.writeShortLE(41).writeZero(39);
        ByteBuf r = h.exchange(b);
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_USER_SESSION_DELETED.value());
        r.release();
    }

    @Test
    void aValidSessionReauthenticatesAndKeepsItsTrees() {
        c.login("alice", "Secret123");
        long sid = c.sessionId;
        assertThat(c.authenticate(sid, "alice", "Secret123")).isZero();
        assertThat(c.sessionId).isEqualTo(sid);
        ByteBuf r = h.exchange(chain(create("after-reauth.txt", 3), queryStandard(true), closeCompounded()));
        assertThat(headers(r)).extracting(Smb2Header::status).containsOnly(0);
        r.release();
    }

    @Test
    void aFailedReauthenticationEndsTheSession() {
        c.login("alice", "Secret123");
        assertThat(c.authenticate(c.sessionId, "alice", "wrong")).isEqualTo(NtStatus.STATUS_LOGON_FAILURE.value());
        ByteBuf r = h.exchange(create("gone.txt", 3));
        assertThat(Smb2Header.decode(r).status()).isEqualTo(NtStatus.STATUS_USER_SESSION_DELETED.value());
        r.release();
    }
}
