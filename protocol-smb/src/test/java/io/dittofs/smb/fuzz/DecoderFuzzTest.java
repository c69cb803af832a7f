package io.dittofs.smb.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.Harness;
import io.dittofs.smb.Requests;
import io.dittofs.smb.testing.LeakTracker;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The frame, header and message decoders under truncated, oversized and bad-offset input: the
 * server answers with a status or closes the connection, never throws out of the pipeline, never
 * leaks a buffer, and never lets a request that needs a session succeed without one.
 */
class DecoderFuzzTest {
    /** Commands that must never succeed without a session and tree. */
    private static final List<Smb2Command> GUARDED = List.of(
            Smb2Command.LOGOFF,
            Smb2Command.TREE_CONNECT,
            Smb2Command.TREE_DISCONNECT,
            Smb2Command.CREATE,
            Smb2Command.CLOSE,
            Smb2Command.FLUSH,
            Smb2Command.READ,
            Smb2Command.WRITE,
            Smb2Command.LOCK,
            Smb2Command.IOCTL,
            Smb2Command.QUERY_DIRECTORY,
            Smb2Command.CHANGE_NOTIFY,
            Smb2Command.QUERY_INFO,
            Smb2Command.SET_INFO,
            Smb2Command.OPLOCK_BREAK);

    @AfterContainer
    static void noBufferLeaked() {
        assertThat(LeakTracker.leaks()).isEmpty();
    }

    @Property(tries = 300)
    void randomBytesAfterAnSmb2ProtocolIdNeverCrash(@ForAll @Size(max = 600) byte[] tail) {
        try (Harness h = new Harness()) {
            ByteBuf msg = Unpooled.buffer().writeInt(Smb2Header.PROTOCOL_ID).writeBytes(tail);
            drain(h, h.exchange(msg));
        }
    }

    @Property(tries = 300)
    void aMutatedNegotiateIsAnsweredOrClosedNeverCrashes(
            @ForAll @IntRange(min = 0, max = 160) int cut,
            @ForAll @IntRange(min = 0, max = 159) int at,
            @ForAll byte value) {
        try (Harness h = new Harness()) {
            ByteBuf msg = Requests.negotiate(0, 0x0202, 0x0210, 0x0300, 0x0302, 0x0311);
            if (at < msg.writerIndex()) {
                msg.setByte(at, value);
            }
            msg.writerIndex(Math.min(cut + 4, msg.writerIndex()));
            drain(h, h.exchange(msg));
        }
    }

    @Property(tries = 400)
    void noGuardedCommandSucceedsWithoutASession(
            @ForAll("guarded") Smb2Command command,
            @ForAll long sessionId,
            @ForAll int treeId,
            @ForAll @Size(max = 200) byte[] body,
            @ForAll boolean related) {
        try (Harness h = new Harness()) {
            drain(h, h.exchange(Requests.negotiate(0, 0x0202, 0x0210, 0x0300)));
            ByteBuf msg = Requests.header(command, 1, sessionId, treeId).writeBytes(body);
            if (related) {
                msg.setIntLE(Smb2Header.FLAGS_OFFSET, Smb2Header.FLAG_RELATED_OPERATIONS);
            }
            msg.setShortLE(6, 0); // CreditCharge 0: always affordable
            ByteBuf r = h.exchange(msg);
            if (r != null) {
                try {
                    int status = Smb2Header.decode(r).status();
                    assertThat(status).isNotEqualTo(NtStatus.STATUS_SUCCESS.value());
                } finally {
                    r.release();
                }
            }
        }
    }

    @Property(tries = 200)
    void oversizedOrMisframedInputClosesTheConnection(
            @ForAll @IntRange(min = 1, max = 255) int type, @ForAll byte[] rest) {
        try (Harness h = new Harness()) {
            ByteBuf frame =
                    Unpooled.buffer().writeByte(type).writeMedium(rest.length).writeBytes(rest);
            try {
                h.channel.writeInbound(frame);
            } catch (RuntimeException expected) {
                // the decoder fails the channel; the handler closes it
            }
            assertThat(h.channel.isActive()).isFalse();
        }
    }

    @Provide
    Arbitrary<Smb2Command> guarded() {
        return Arbitraries.of(GUARDED);
    }

    private static void drain(Harness h, ByteBuf first) {
        ByteBuf r = first;
        while (r != null) {
            assertThat(r.getInt(0)).isEqualTo(Smb2Header.PROTOCOL_ID);
            r.release();
            r = h.response();
        }
    }
}
