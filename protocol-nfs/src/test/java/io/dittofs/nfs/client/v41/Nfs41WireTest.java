package io.dittofs.nfs.client.v41;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Golden bytes of what the NFSv4.1 client sends and reads (RFC 8881's XDR). */
class Nfs41WireTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String encode(Consumer<XdrWriter> body) {
        XdrWriter w = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
        body.accept(w);
        ByteBuf b = w.finish();
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private static XdrReader reader(String hex) {
        return new XdrReader(Unpooled.wrappedBuffer(HEX.parseHex(hex)));
    }

    @Test
    void aBitmapSetsBitNOfWordNDiv32() {
        // type (1), size (4), fileid (20) in word 0; mode (33) is bit 1 of word 1
        assertThat(encode(out -> Compound.writeBitmap(out, Nfs41Attributes.REQUESTED)))
                .isEqualTo("00000002" + "00100012" + "00000002");
        assertThat(encode(out -> Compound.writeBitmap(out))).isEqualTo("00000000");
    }

    @Test
    void aCompoundIsTagMinorVersionAndOperations() {
        Compound c = new Compound().op(Nfs41.OP_PUTROOTFH).getfh().lookup("ab");
        assertThat(encode(c::encode))
                .isEqualTo("00000003" + "64667300" // tag "dfs", padded
                        + "00000001" // minorversion
                        + "00000003" // three operations
                        + "00000018" // PUTROOTFH
                        + "0000000a" // GETFH
                        + "0000000f" + "00000002" + "61620000"); // LOOKUP "ab"
    }

    @Test
    void attributesAreReadInBitOrderAndUnrequestedOnesStopTheDecode() {
        String bitmap = "00000002" + "00100012" + "00000002";
        String list = "00000018" // attrlist4: 24 bytes
                + "00000001" // type NF4REG
                + "0000000000003039" // size 12345
                + "000000000000004d" // fileid 77
                + "000001a4"; // mode 0644
        assertThat(Nfs41Attributes.decode(reader(bitmap + list))).isEqualTo(new Nfs41Attributes(1, 12345, 77, 0644));

        // bit 3 (change) was not asked for: its length is unknown, so the decode stops there
        String odd = "00000001" + "0000000a" + "0000000c" + "00000002" + "0000000000000000";
        assertThat(Nfs41Attributes.decode(reader(odd))).isEqualTo(new Nfs41Attributes(2, -1, -1, -1));
    }

    @Test
    void aStateidIsASeqidAndTwelveBytes() {
        Stateid s = new Stateid(7, HEX.parseHex("0102030405060708090a0b0c"));
        assertThat(encode(s::encode)).isEqualTo("00000007" + "0102030405060708090a0b0c");
        assertThat(Stateid.decode(reader("00000007" + "0102030405060708090a0b0c")))
                .isEqualTo(s);
        assertThatThrownBy(() -> new Stateid(1, new byte[11])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsAreCheckedOperationByOperation() {
        String header = "00000000" + "00000000" + "00000002"; // status, empty tag, two results
        Compound.Results ok = new Compound.Results(reader(header + "00000016" + "00000000" // PUTFH OK
                + "0000000a" + "00000000" + "00000002" + "abcd0000")); // GETFH OK, fh abcd
        assertThat(ok.skip(Nfs41.OP_PUTFH).getfh()).isEqualTo(HEX.parseHex("abcd"));

        Compound.Results failed = new Compound.Results(
                reader("00000002" + "00000000" + "00000002" + "00000016" + "00000000" + "0000000f" + "00000002"));
        failed.skip(Nfs41.OP_PUTFH);
        assertThatThrownBy(() -> failed.next(Nfs41.OP_LOOKUP)).isInstanceOfSatisfying(Nfs41Exception.class, e -> {
            assertThat(e.op()).isEqualTo(Nfs41.OP_LOOKUP);
            assertThat(e.status()).isEqualTo(Nfs41.NFS4ERR_NOENT);
        });

        Compound.Results wrong = new Compound.Results(reader(header + "00000018" + "00000000"));
        assertThatThrownBy(() -> wrong.next(Nfs41.OP_PUTFH)).hasMessageContaining("result for op 24");
        Compound.Results shortList = new Compound.Results(reader("00000000" + "00000000" + "00000000"));
        assertThatThrownBy(() -> shortList.next(Nfs41.OP_SEQUENCE)).hasMessageContaining("no result for op 53");
    }
}
