package io.dittofs.nfs.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XdrCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] encode(java.util.function.Consumer<XdrWriter> body) {
        XdrWriter w = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
        body.accept(w);
        ByteBuf b = w.finish();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void writesIntegersHypersBooleansAndPaddedOpaquesAsRfc4506Says() {
        byte[] bytes = encode(w -> w.writeInt(-2)
                .writeUnsignedInt(0xFFFF_FFFEL)
                .writeLong(0x0102030405060708L)
                .writeBoolean(true)
                .writeOpaque(new byte[] {1, 2, 3, 4, 5})
                .writeString("ab"));
        assertThat(HEX.formatHex(bytes))
                .isEqualTo("fffffffe" + "fffffffe" + "0102030405060708" + "00000001" + "00000005" + "0102030405000000"
                        + "00000002" + "61620000");
    }

    @Test
    void readsWhatItWrites() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("fffffffe" + "0102030405060708" + "00000001" + "00000005"
                + "0102030405000000" + "00000002" + "61620000"));
        XdrReader r = new XdrReader(b);
        assertThat(r.readInt()).isEqualTo(-2);
        assertThat(r.readLong()).isEqualTo(0x0102030405060708L);
        assertThat(r.readBoolean()).isTrue();
        assertThat(r.readOpaque(5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(r.readString(2)).isEqualTo("ab");
        r.requireEnd();
        b.release();
    }

    @Test
    void refusesALengthPastTheCallersMaximum() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("00000005" + "0102030405000000"));
        assertThatThrownBy(() -> new XdrReader(b).readOpaque(4))
                .isInstanceOf(XdrException.class)
                .hasMessageContaining("exceeds 4");
        b.release();
    }

    @Test
    void refusesAHugeLengthWithoutAllocatingIt() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("7fffffff00"));
        assertThatThrownBy(() -> new XdrReader(b).readOpaque(Integer.MAX_VALUE)).isInstanceOf(XdrException.class);
        b.release();
    }

    @Test
    void refusesTruncatedInput() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("000000"));
        assertThatThrownBy(() -> new XdrReader(b).readInt()).isInstanceOf(XdrException.class);
        b.release();
    }

    @Test
    void refusesABooleanOtherThanZeroOrOne() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("00000002"));
        assertThatThrownBy(() -> new XdrReader(b).readBoolean()).isInstanceOf(XdrException.class);
        b.release();
    }

    @Test
    void refusesStringsThatAreNotUtf8() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("00000001ff000000"));
        assertThatThrownBy(() -> new XdrReader(b).readString(10)).isInstanceOf(XdrException.class);
        b.release();
    }

    @Test
    void slicesOpaquePayloadsWithoutCopying() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("00000003" + "0a0b0c00" + "00000009"));
        XdrReader r = new XdrReader(b);
        ByteBuf slice = r.readOpaqueSlice(16);
        assertThat(ByteBufUtil.getBytes(slice)).containsExactly(10, 11, 12);
        b.setByte(4, 99);
        assertThat(slice.getByte(0)).as("shares the request's memory").isEqualTo((byte) 99);
        assertThat(r.readInt()).isEqualTo(9);
        b.release();
    }

    @Test
    void addsLargePayloadsAsComponentsAndPadsThem() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[4097]);
        XdrWriter w = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
        w.writeInt(7).writeOpaque(payload).writeInt(8);
        ByteBuf out = w.finish();
        assertThat(out).isInstanceOf(CompositeByteBuf.class);
        assertThat(out.readableBytes()).isEqualTo(4 + 4 + 4097 + 3 + 4);
        assertThat(out.getInt(4 + 4 + 4097 + 3)).isEqualTo(8);
        out.release();
        assertThat(payload.refCnt()).as("released with the result").isZero();
    }
}
