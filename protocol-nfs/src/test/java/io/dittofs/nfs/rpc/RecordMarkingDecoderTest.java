package io.dittofs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RecordMarkingDecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HEX.parseHex(hex));
    }

    private static String readRecord(EmbeddedChannel ch) {
        ByteBuf r = ch.readInbound();
        try {
            return HEX.formatHex(ByteBufUtil.getBytes(r));
        } finally {
            r.release();
        }
    }

    @Test
    void emitsASingleFragmentRecord() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        ch.writeInbound(bytes("80000004" + "cafebabe"));
        assertThat(readRecord(ch)).isEqualTo("cafebabe");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void joinsFragmentsSplitAcrossReadsIntoOneRecord() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        // Fragment 1 (3 bytes, not last), fragment 2 (0 bytes), fragment 3 (2 bytes, last), then a
        // second record, delivered in awkward pieces.
        ch.writeInbound(bytes("0000"));
        ch.writeInbound(bytes("0003aabb"));
        assertThat(ch.<Object>readInbound()).isNull();
        ch.writeInbound(bytes("cc" + "00000000" + "80000002" + "dd"));
        assertThat(ch.<Object>readInbound()).isNull();
        ch.writeInbound(bytes("ee" + "80000001" + "ff"));
        assertThat(readRecord(ch)).isEqualTo("aabbccddee");
        assertThat(readRecord(ch)).isEqualTo("ff");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aRecordSpreadOverSeveralReadsComesOutAsOneDirectBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        ch.writeInbound(bytes("80000006" + "0102"));
        ch.writeInbound(bytes("0304"));
        ch.writeInbound(bytes("0506"));
        ByteBuf r = ch.readInbound();
        try {
            // One NIO buffer, not a composite, so a WRITE's data view is not copied again downstream.
            assertThat(r.nioBufferCount()).isEqualTo(1);
            assertThat(r.isDirect()).isTrue();
            assertThat(HEX.formatHex(ByteBufUtil.getBytes(r))).isEqualTo("010203040506");
        } finally {
            r.release();
        }
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void emitsAnEmptyRecord() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        ch.writeInbound(bytes("80000000"));
        assertThat(readRecord(ch)).isEmpty();
        ch.finish();
    }

    @Test
    void closesTheConnectionOnARecordOverTheCap() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(8));
        ByteBuf in = bytes("00000006" + "010203040506" + "80000003" + "070809");
        ch.writeInbound(in);
        assertThat(ch.<Object>readInbound()).isNull();
        assertThat(ch.isOpen()).isFalse();
        assertThat(in.refCnt()).as("nothing held").isZero();
    }

    @Test
    void closesTheConnectionOnASingleHugeFragmentWithoutWaitingForIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1 << 20));
        ch.writeInbound(bytes("ffffffff"));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void releasesAPartialRecordWhenTheConnectionCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(1024));
        ByteBuf in = bytes("00000002" + "0102" + "80000004" + "03");
        ch.writeInbound(in);
        ch.finishAndReleaseAll();
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void framesOutgoingMessagesAsOneLastFragment() {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingEncoder());
        ch.writeOutbound(bytes("0102030405"));
        ByteBuf header = ch.readOutbound();
        ByteBuf body = ch.readOutbound();
        assertThat(HEX.formatHex(ByteBufUtil.getBytes(header))).isEqualTo("80000005");
        assertThat(HEX.formatHex(ByteBufUtil.getBytes(body))).isEqualTo("0102030405");
        header.release();
        body.release();
    }
}
