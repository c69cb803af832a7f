package io.dittofs.nfs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.nfs.Leaks;
import io.dittofs.nfs.rpc.AuthSysParms;
import io.dittofs.nfs.rpc.RecordMarkingDecoder;
import io.dittofs.nfs.rpc.RpcReply;
import io.dittofs.nfs.rpc.TestChannel;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * Truncated, oversized, mutated and random input to the record decoder and the RPC, MOUNT and
 * NFSv3 decoders: the server answers every well-framed call (GARBAGE_ARGS when its arguments do
 * not decode) or closes the connection, never lets an exception out, and never leaks a buffer.
 */
class DecoderFuzzTest {

    @BeforeContainer
    static void listenForLeaks() {
        Leaks.install();
    }

    @AfterContainer
    static void noLeaks() {
        Leaks.assertNone();
    }

    @Property(tries = 300)
    void recordMarkingNeverEmitsMoreThanTheCapOrHoldsBuffers(
            @ForAll @Size(max = 400) byte[] bytes, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(100));
        List<ByteBuf> inputs = new ArrayList<>();
        for (int i = 0; i < bytes.length && ch.isOpen(); i += chunk) {
            ByteBuf in = Unpooled.copiedBuffer(bytes, i, Math.min(chunk, bytes.length - i));
            inputs.add(in);
            ch.writeInbound(in);
            ByteBuf r;
            while ((r = ch.readInbound()) != null) {
                assertThat(r.readableBytes()).isLessThanOrEqualTo(100);
                r.release();
            }
        }
        ch.finishAndReleaseAll();
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Property(tries = 300)
    void randomBytesOnTheWireNeverThrowOutOfThePipeline(@ForAll @Size(max = 600) byte[] bytes) {
        TestChannel ch = FuzzServer.channel();
        ByteBuf in = Unpooled.copiedBuffer(bytes);
        ch.writeInbound(in);
        ch.runPendingTasks();
        ch.drainOutboundHex();
        ch.finishAndReleaseAll();
        assertThat(in.refCnt()).isEqualTo(bytes.length == 0 ? 1 : 0); // the empty buffer is a constant
    }

    private static final byte[] CRED = new AuthSysParms(0, "fuzz", 1000, 1000, new int[] {1000})
            .toCredential()
            .body();

    /** A call header for program/version/procedure with an AUTH_SYS credential. */
    static byte[] header(int xid, int prog, int vers, int proc) {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + CRED.length);
        b.putInt(xid).putInt(0).putInt(2).putInt(prog).putInt(vers).putInt(proc);
        b.putInt(1).putInt(CRED.length).put(CRED);
        b.putInt(0).putInt(0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** Frames {@code body} as one record and sends it; returns the replies, decoded. */
    static List<RpcReply> exchange(TestChannel ch, byte[] body) {
        return exchange(ch, body, (reply, in) -> {});
    }

    /** As {@link #exchange(TestChannel, byte[])}, showing each reply's results to {@code results}. */
    static List<RpcReply> exchange(
            TestChannel ch, byte[] body, java.util.function.BiConsumer<RpcReply, XdrReader> results) {
        ByteBuf in = Unpooled.buffer(4 + body.length);
        in.writeInt(0x8000_0000 | body.length).writeBytes(body);
        ch.writeInbound(in);
        ch.runPendingTasks();
        List<RpcReply> replies = new ArrayList<>();
        ByteBuf out;
        ByteBuf pending = Unpooled.buffer();
        while ((out = ch.readOutbound()) != null) {
            pending.writeBytes(out);
            out.release();
        }
        while (pending.readableBytes() >= 4) {
            int len = pending.readInt() & 0x7FFF_FFFF;
            ByteBuf record = pending.readSlice(len);
            XdrReader reader = new XdrReader(record);
            RpcReply reply = RpcReply.decode(reader);
            replies.add(reply);
            results.accept(reply, reader);
        }
        pending.release();
        assertThat(in.refCnt()).isZero();
        return replies;
    }

    /** What the server must do with a record: answer once if it is a call, or close if too short. */
    private static void expectAnswered(TestChannel ch, byte[] body, List<RpcReply> replies) {
        if (body.length < 8) {
            assertThat(ch.isOpen()).isFalse();
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        int xid = b.getInt();
        int type = b.getInt();
        assertThat(ch.isOpen()).isTrue();
        if (type != 0) {
            assertThat(replies).isEmpty();
            return;
        }
        assertThat(replies).hasSize(1);
        assertThat(replies.getFirst().xid()).isEqualTo(xid);
    }

    @Property(tries = 500)
    void callsWithRandomArgumentsAreAnsweredOnce(
            @ForAll("programs") int[] progVers,
            @ForAll @IntRange(min = 0, max = 24) int proc,
            @ForAll @Size(max = 300) byte[] args) {
        TestChannel ch = FuzzServer.channel();
        byte[] h = header(77, progVers[0], progVers[1], proc);
        byte[] body = concat(h, args);
        expectAnswered(ch, body, exchange(ch, body));
        ch.finishAndReleaseAll();
    }

    @Property(tries = 500)
    void mutatedAndTruncatedValidCallsAreAnsweredOrClosed(
            @ForAll("validCalls") byte[] call,
            @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 10_000) int keep) {
        byte[] body = call.clone();
        body[position % body.length] = value;
        body = java.util.Arrays.copyOf(body, Math.min(body.length, keep));
        TestChannel ch = FuzzServer.channel();
        expectAnswered(ch, body, exchange(ch, body));
        ch.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<int[]> programs() {
        return Arbitraries.of(
                new int[] {100003, 3},
                new int[] {100005, 3},
                new int[] {100000, 2},
                new int[] {100000, 3},
                new int[] {100000, 4},
                new int[] {100003, 2},
                new int[] {100099, 1});
    }

    @Provide
    Arbitrary<byte[]> validCalls() {
        FileHandle3 root = FileHandle3.of(
                FuzzServer.SHARES.byName("export").orElseThrow().id(),
                FuzzServer.SHARES.byName("export").orElseThrow().fileSystem().root());
        return Arbitraries.of(
                encode(header(1, 100003, 3, 1), w -> root.encode(w)),
                encode(header(2, 100003, 3, 3), w -> {
                    root.encode(w);
                    w.writeString("name");
                }),
                encode(header(3, 100003, 3, 8), w -> {
                    root.encode(w);
                    w.writeString("fuzzed");
                    w.writeInt(0);
                    w.writeInt(1)
                            .writeInt(0644)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0);
                }),
                encode(header(4, 100003, 3, 7), w -> {
                    root.encode(w);
                    w.writeLong(0).writeInt(5).writeInt(2).writeOpaque(new byte[] {1, 2, 3, 4, 5});
                }),
                encode(header(5, 100003, 3, 17), w -> {
                    root.encode(w);
                    w.writeLong(0).writeLong(0).writeInt(1024).writeInt(4096);
                }),
                encode(header(6, 100003, 3, 2), w -> {
                    root.encode(w);
                    w.writeInt(1)
                            .writeInt(0755)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(1)
                            .writeInt(0);
                    w.writeInt(0);
                }),
                encode(header(7, 100005, 3, 1), w -> w.writeString("/export")),
                encode(
                        header(8, 100000, 2, 3),
                        w -> w.writeInt(100003).writeInt(3).writeInt(6).writeInt(0)),
                encode(header(9, 100003, 3, 11), w -> {
                    root.encode(w);
                    w.writeString("dev");
                    w.writeInt(4);
                    w.writeInt(0)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0)
                            .writeInt(0);
                    w.writeInt(1).writeInt(2);
                }));
    }

    static byte[] encode(byte[] header, java.util.function.Consumer<XdrWriter> args) {
        XdrWriter w = new XdrWriter(UnpooledByteBufAllocator.DEFAULT);
        args.accept(w);
        ByteBuf b = w.finish();
        try {
            return concat(header, io.netty.buffer.ByteBufUtil.getBytes(b));
        } finally {
            b.release();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
