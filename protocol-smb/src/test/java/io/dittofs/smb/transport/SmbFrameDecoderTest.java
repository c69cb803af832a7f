package io.dittofs.smb.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class SmbFrameDecoderTest {
    private static ByteBuf frame(int type, int length, int payload) {
        ByteBuf b = Unpooled.buffer().writeByte(type).writeMedium(length);
        for (int i = 0; i < payload; i++) {
            b.writeByte(i);
        }
        return b;
    }

    @Test
    void aFrameSplitAcrossReadsIsReassembled() {
        EmbeddedChannel ch = new EmbeddedChannel(new SmbFrameDecoder(1000));
        ByteBuf whole = frame(0, 10, 10);
        ch.writeInbound(whole.readRetainedSlice(3));
        ch.writeInbound(whole.readRetainedSlice(6));
        assertThat(ch.<Object>readInbound()).isNull();
        ch.writeInbound(whole.readRetainedSlice(5));
        whole.release();
        ByteBuf out = ch.readInbound();
        assertThat(out.readableBytes()).isEqualTo(10);
        assertThat(out.getByte(9)).isEqualTo((byte) 9);
        out.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void framesCutAtEveryPossiblePlaceComeOutWhole() {
        ByteBuf stream = Unpooled.wrappedBuffer(frame(0, 300, 300), frame(0, 5, 5), frame(0, 70, 70));
        int total = stream.readableBytes();
        for (int cut1 = 0; cut1 <= total; cut1 += 7) {
            for (int cut2 = cut1; cut2 <= total; cut2 += 11) {
                EmbeddedChannel ch = new EmbeddedChannel(new SmbFrameDecoder(1000));
                ch.writeInbound(stream.retainedSlice(0, cut1));
                ch.writeInbound(stream.retainedSlice(cut1, cut2 - cut1));
                ch.writeInbound(stream.retainedSlice(cut2, total - cut2));
                for (int length : new int[] {300, 5, 70}) {
                    ByteBuf out = ch.readInbound();
                    assertThat(out.readableBytes()).isEqualTo(length);
                    for (int i = 0; i < length; i++) {
                        assertThat(out.getByte(i)).isEqualTo((byte) i);
                    }
                    out.release();
                }
                assertThat(ch.finish()).isFalse();
            }
        }
        stream.release();
    }

    @Test
    void twoFramesInOneReadComeOutAsTwo() {
        EmbeddedChannel ch = new EmbeddedChannel(new SmbFrameDecoder(1000));
        ch.writeInbound(Unpooled.wrappedBuffer(frame(0, 2, 2), frame(0, 0, 0), frame(0, 3, 3)));
        ByteBuf a = ch.readInbound();
        ByteBuf b = ch.readInbound();
        assertThat(a.readableBytes()).isEqualTo(2);
        assertThat(b.readableBytes()).isEqualTo(3);
        a.release();
        b.release();
        assertThat(ch.<Object>readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameOverTheCapFailsBeforeItsBytesArrive() {
        EmbeddedChannel ch = new EmbeddedChannel(new SmbFrameDecoder(1000));
        assertThatThrownBy(() -> ch.writeInbound(frame(0, 1001, 0))).isInstanceOf(TooLongFrameException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void aNonZeroFrameTypeFailsTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new SmbFrameDecoder(1000));
        assertThatThrownBy(() -> ch.writeInbound(frame(0x85, 0, 0)))
                .isInstanceOf(SmbFrameDecoder.CorruptFrameException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void theEncoderPrependsTheDirectTcpHeader() {
        EmbeddedChannel ch = new EmbeddedChannel(new SmbFrameEncoder(1000));
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ByteBuf prefix = ch.readOutbound();
        ByteBuf body = ch.readOutbound();
        assertThat(prefix.readableBytes()).isEqualTo(4);
        assertThat(prefix.getInt(0)).isEqualTo(3);
        assertThat(body.readableBytes()).isEqualTo(3);
        prefix.release();
        body.release();
        ch.finishAndReleaseAll();
    }
}
