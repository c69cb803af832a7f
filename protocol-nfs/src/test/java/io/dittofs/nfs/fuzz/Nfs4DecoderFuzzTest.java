package io.dittofs.nfs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dittofs.nfs.Leaks;
import io.dittofs.nfs.rpc.RpcReply;
import io.dittofs.nfs.rpc.TestChannel;
import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.v4.attr.Bitmap4;
import io.dittofs.nfs.v4.attr.Fattr4;
import io.dittofs.nfs.v4.attr.Owners;
import io.dittofs.nfs.xdr.XdrException;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random, mutated and truncated COMPOUNDs and fattr4s: every call gets exactly one reply that is
 * never a server fault (SYSTEM_ERR), malformed operations end the COMPOUND with their own status,
 * and fattr4 decoding fails only with an nfsstat4.
 */
class Nfs4DecoderFuzzTest {
    private static final Owners OWNERS = new Owners(new Identities(Sid.parse("S-1-5-21-1-2-3")), "localdomain");

    @BeforeContainer
    static void listenForLeaks() {
        Leaks.install();
    }

    @AfterContainer
    static void noLeaks() {
        Leaks.assertNone();
    }

    private static void expectOneAnswerNoFault(byte[] body) {
        TestChannel ch = FuzzServer.channel();
        List<Integer> statuses = new java.util.ArrayList<>();
        List<RpcReply> replies = DecoderFuzzTest.exchange(ch, body, (reply, in) -> {
            // A mutated procedure number can make the call a NULL, whose reply has no status.
            if (reply instanceof RpcReply.Success && in.remaining() >= 4) {
                statuses.add(in.readInt());
            }
        });
        assertThat(ch.isOpen()).isTrue();
        assertThat(replies).hasSize(1);
        assertThat(replies.getFirst()).isNotInstanceOf(RpcReply.SystemErr.class);
        assertThat(statuses).doesNotContain(Nfsstat4.NFS4ERR_SERVERFAULT);
        ch.finishAndReleaseAll();
    }

    private static byte[] compound(int minor, Consumer<XdrWriter> ops, int count) {
        return DecoderFuzzTest.encode(DecoderFuzzTest.header(41, Nfs4.PROGRAM, Nfs4.VERSION, 1), w -> {
            w.writeOpaque("fuzz".getBytes(StandardCharsets.UTF_8))
                    .writeInt(minor)
                    .writeInt(count);
            ops.accept(w);
        });
    }

    @Property(tries = 500)
    void compoundsOfRandomOperationsWithRandomArgumentsAreAnsweredWithoutFault(
            @ForAll @IntRange(min = 0, max = 2) int minor,
            @ForAll("opcodes") List<Integer> opcodes,
            @ForAll @Size(max = 200) byte[] args) {
        byte[] body = compound(
                minor,
                w -> {
                    w.writeInt(Nfs4.OP_PUTROOTFH);
                    for (int op : opcodes) {
                        w.writeInt(op);
                    }
                    w.writeFixedOpaque(args);
                },
                opcodes.size() + 1);
        expectOneAnswerNoFault(body);
    }

    @Property(tries = 500)
    void mutatedAndTruncatedValidCompoundsAreAnsweredWithoutFault(
            @ForAll("validCompounds") byte[] call,
            @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll byte value,
            @ForAll @IntRange(min = 24, max = 10_000) int keep) {
        byte[] body = call.clone();
        body[position % body.length] = value;
        body = java.util.Arrays.copyOf(body, Math.min(body.length, keep));
        TestChannel ch = FuzzServer.channel();
        List<Integer> statuses = new java.util.ArrayList<>();
        List<RpcReply> replies = DecoderFuzzTest.exchange(ch, body, (reply, in) -> {
            // A mutated procedure number can make the call a NULL, whose reply has no status.
            if (reply instanceof RpcReply.Success && in.remaining() >= 4) {
                statuses.add(in.readInt());
            }
        });
        assertThat(replies).allSatisfy(r -> assertThat(r).isNotInstanceOf(RpcReply.SystemErr.class));
        assertThat(replies.size()).isLessThanOrEqualTo(1);
        assertThat(statuses).doesNotContain(Nfsstat4.NFS4ERR_SERVERFAULT);
        ch.finishAndReleaseAll();
    }

    @Property(tries = 1000)
    void fattr4DecodingFailsOnlyWithAnNfsStatus(
            @ForAll("bitmaps") int[] words, @ForAll @Size(max = 120) byte[] values, @ForAll boolean minor1) {
        XdrWriter w = new XdrWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        new Bitmap4(words).encode(w);
        w.writeOpaque(values);
        io.netty.buffer.ByteBuf b = w.finish();
        try {
            Fattr4 f = Fattr4.decode(new XdrReader(b));
            Throwable t = catchThrowable(() -> f.toSettable(OWNERS, minor1 ? 1 : 0));
            assertThat(t).satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x)
                    .isInstanceOf(Nfs4Exception.class));
        } catch (XdrException e) {
            // a bitmap or opaque that does not fit is a decoding error, as it should be
        } finally {
            b.release();
        }
    }

    @Property(tries = 1000)
    void aclValuesFailOnlyWithAnNfsStatus(
            @ForAll @IntRange(min = 0, max = 4) int count, @ForAll @Size(max = 160) byte[] rest, @ForAll boolean big) {
        XdrWriter v = new XdrWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        v.writeInt(big ? Integer.MAX_VALUE - count : count);
        io.netty.buffer.ByteBuf head = v.finish();
        byte[] values = new byte[head.readableBytes() + rest.length];
        head.readBytes(values, 0, head.readableBytes());
        head.release();
        System.arraycopy(rest, 0, values, 4, rest.length);
        Fattr4 f = new Fattr4(Bitmap4.of(io.dittofs.nfs.v4.attr.Attr4.ACL), values);
        Throwable t = catchThrowable(() -> f.toSettable(OWNERS, 1));
        assertThat(t)
                .satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(Nfs4Exception.class));
    }

    @Property(tries = 300)
    void truncatedFattr4IsAnXdrError(@ForAll("bitmaps") int[] words, @ForAll @IntRange(min = 0, max = 40) int cut) {
        XdrWriter w = new XdrWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        new Bitmap4(words).encode(w);
        w.writeOpaque(new byte[64]);
        io.netty.buffer.ByteBuf b = w.finish();
        byte[] all = io.netty.buffer.ByteBufUtil.getBytes(b);
        b.release();
        byte[] cutBytes = java.util.Arrays.copyOf(all, Math.max(0, all.length - 1 - cut));
        Throwable t = catchThrowable(() -> Fattr4.decode(new XdrReader(Unpooled.wrappedBuffer(cutBytes))));
        assertThat(t).isInstanceOf(XdrException.class);
    }

    @Provide
    Arbitrary<List<Integer>> opcodes() {
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 60), Arbitraries.of(Nfs4.OP_ILLEGAL, -1, Integer.MAX_VALUE))
                .list()
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<int[]> bitmaps() {
        return Arbitraries.integers()
                .list()
                .ofMaxSize(4)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .injectDuplicates(0.1)
                .edgeCases(c -> c.add(new int[] {1 << 4 | 0, 1 << (33 - 32) | 1 << (36 - 32) | 1 << (37 - 32)}));
    }

    @Provide
    Arbitrary<byte[]> validCompounds() {
        return Arbitraries.of(
                compound(
                        0,
                        w -> {
                            w.writeInt(Nfs4.OP_PUTROOTFH);
                            w.writeInt(Nfs4.OP_LOOKUP).writeString("export");
                            w.writeInt(Nfs4.OP_GETATTR).writeInt(2).writeInt(-1).writeInt(-1);
                        },
                        3),
                compound(
                        0,
                        w -> {
                            w.writeInt(Nfs4.OP_PUTROOTFH);
                            w.writeInt(Nfs4.OP_LOOKUP).writeString("export");
                            w.writeInt(Nfs4.OP_SETATTR).writeInt(0).writeInt(0).writeLong(0);
                            w.writeInt(2).writeInt(1 << 4).writeInt(1 << 1 | 1 << 4 | 1 << 5);
                            XdrWriter v = new XdrWriter(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
                            v.writeLong(0).writeInt(0644).writeString("0").writeString("0");
                            w.writeOpaque(v.finish());
                        },
                        3),
                compound(
                        0,
                        w -> {
                            w.writeInt(Nfs4.OP_PUTROOTFH);
                            w.writeInt(Nfs4.OP_LOOKUP).writeString("export");
                            w.writeInt(Nfs4.OP_READDIR)
                                    .writeLong(0)
                                    .writeLong(0)
                                    .writeInt(512)
                                    .writeInt(1024);
                            w.writeInt(1).writeInt(1 << 1);
                        },
                        3),
                compound(
                        0,
                        w -> {
                            w.writeInt(Nfs4.OP_SETCLIENTID).writeLong(1).writeOpaque(new byte[] {1, 2, 3});
                            w.writeInt(0x40000000)
                                    .writeString("tcp")
                                    .writeString("127.0.0.1.1.1")
                                    .writeInt(1);
                        },
                        1),
                compound(
                        1,
                        w -> {
                            w.writeInt(Nfs4.OP_EXCHANGE_ID).writeLong(1).writeOpaque(new byte[] {9});
                            w.writeInt(0).writeInt(1).writeInt(0).writeInt(0).writeInt(0);
                        },
                        1),
                compound(
                        1,
                        w -> {
                            w.writeInt(Nfs4.OP_SEQUENCE)
                                    .writeFixedOpaque(new byte[16])
                                    .writeInt(1);
                            w.writeInt(0).writeInt(0).writeBoolean(true);
                            w.writeInt(Nfs4.OP_PUTROOTFH);
                        },
                        2),
                compound(
                        0,
                        w -> {
                            w.writeInt(Nfs4.OP_PUTROOTFH);
                            w.writeInt(Nfs4.OP_LOOKUP).writeString("export");
                            w.writeInt(Nfs4.OP_OPEN).writeInt(0).writeInt(3).writeInt(0);
                            w.writeLong(1).writeOpaque(new byte[] {1});
                            w.writeInt(1).writeInt(0).writeInt(0).writeOpaque(new byte[0]);
                            w.writeInt(0).writeString("opened");
                        },
                        3));
    }
}
