package io.dittofs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.runtime.auth.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RpcServerHandlerTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Program 200000, versions 1 and 2: procedure 1 adds one, procedure 2 counts its executions. */
    private final AtomicInteger executions = new AtomicInteger();

    private final RpcProgram program = new RpcProgram() {
        @Override
        public int program() {
            return 200000;
        }

        @Override
        public int lowVersion() {
            return 1;
        }

        @Override
        public int highVersion() {
            return 2;
        }

        @Override
        public @Nullable RpcProcedure procedure(int version, int procedure) {
            return switch (procedure) {
                case 1 -> (ctx, args, out) -> out.writeInt(args.readInt() + 1);
                case 2 ->
                    new RpcProcedure() {
                        @Override
                        public void call(
                                RpcCallContext ctx,
                                io.dittofs.nfs.xdr.XdrReader args,
                                io.dittofs.nfs.xdr.XdrWriter out) {
                            out.writeInt(executions.incrementAndGet());
                        }

                        @Override
                        public boolean idempotent() {
                            return false;
                        }
                    };
                case 3 ->
                    (ctx, args, out) -> {
                        throw new IllegalStateException("boom");
                    };
                default -> null;
            };
        }
    };

    private TestChannel channel(Executor executor, int maxInFlight) {
        RpcDispatcher d = new RpcDispatcher(
                java.util.List.of(program),
                new SysAuthenticator(Protocol.NFS3),
                executor,
                new DuplicateRequestCache(16),
                maxInFlight);
        return new TestChannel(800, new RecordMarkingDecoder(4096), new RecordMarkingEncoder(), d.newHandler());
    }

    private static ByteBuf record(String hex) {
        byte[] body = HEX.parseHex(hex);
        ByteBuf b = Unpooled.buffer();
        b.writeInt(0x8000_0000 | body.length).writeBytes(body);
        return b;
    }

    /** A call header: xid 01020304, CALL, rpcvers 2, the given program/version/procedure, AUTH_NONE twice. */
    private static String call(String prog, String vers, String proc) {
        return "01020304" + "00000000" + "00000002" + prog + vers + proc + "0000000000000000" + "0000000000000000";
    }

    private static String framed(String hex) {
        return String.format("%08x", 0x8000_0000 | hex.length() / 2) + hex;
    }

    private static final String ACCEPTED = "01020304" + "00000001" + "00000000" + "0000000000000000";

    @Test
    void answersASuccessfulCallWithItsResults() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d40", "00000001", "00000001") + "00000029"));
        ch.runPendingTasks();
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000000" + "0000002a"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersProgUnavailForAnUnknownProgram() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d41", "00000001", "00000001")));
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000001"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersProgMismatchWithTheVersionsServed() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d40", "00000003", "00000001")));
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000002" + "00000001" + "00000002"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersProcUnavailForAnUnknownProcedure() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d40", "00000001", "00000009")));
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000003"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersGarbageArgsWhenTheArgumentsDoNotDecode() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d40", "00000001", "00000001") + "0000"));
        ch.runPendingTasks();
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000004"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersSystemErrWhenAProcedureFails() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d40", "00000001", "00000003")));
        ch.runPendingTasks();
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000005"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersRpcMismatchForAnotherMessageVersion() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record("01020304" + "00000000" + "00000003" + "00030d40"));
        assertThat(ch.drainOutboundHex())
                .isEqualTo(framed("01020304" + "00000001" + "00000001" + "00000000" + "00000002" + "00000002"));
        ch.finishAndReleaseAll();
    }

    @Test
    void answersAuthErrorBadcredForRpcsecGss() {
        TestChannel ch = channel(Runnable::run, 8);
        String gss = "01020304" + "00000000" + "00000002" + "00030d40" + "00000001" + "00000001" + "00000006"
                + "00000004" + "01020304" + "0000000000000000";
        ch.writeInbound(record(gss));
        assertThat(ch.drainOutboundHex())
                .isEqualTo(framed("01020304" + "00000001" + "00000001" + "00000001" + "00000001"));
        ch.finishAndReleaseAll();
    }

    @Test
    void acceptsAuthSysAndAnswers() {
        TestChannel ch = channel(Runnable::run, 8);
        // AUTH_SYS: stamp 0, machine "m", uid 1000, gid 100, gids [100]
        String sys = "00000000" + "00000001" + "6d000000" + "000003e8" + "00000064" + "00000001" + "00000064";
        String hdr = "01020304" + "00000000" + "00000002" + "00030d40" + "00000001" + "00000001" + "00000001"
                + String.format("%08x", sys.length() / 2) + sys + "0000000000000000";
        ch.writeInbound(record(hdr + "00000001"));
        assertThat(ch.drainOutboundHex()).isEqualTo(framed(ACCEPTED + "00000000" + "00000002"));
        ch.finishAndReleaseAll();
    }

    @Test
    void ignoresReplies() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record("01020304" + "00000001" + "00000000"));
        assertThat(ch.drainOutboundHex()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void closesOnARecordTooShortToHoldAnXid() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record("0102"));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void replaysTheFirstReplyToARetransmittedNonIdempotentCall() {
        TestChannel ch = channel(Runnable::run, 8);
        ch.writeInbound(record(call("00030d40", "00000001", "00000002")));
        ch.writeInbound(record(call("00030d40", "00000001", "00000002")));
        ch.runPendingTasks();
        String reply = framed(ACCEPTED + "00000000" + "00000001");
        assertThat(ch.drainOutboundHex()).isEqualTo(reply + reply);
        assertThat(executions).hasValue(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void stopsReadingWhenCallsInFlightReachTheLimitAndResumesAsTheyFinish() {
        Queue<Runnable> queued = new ArrayDeque<>();
        TestChannel ch = channel(queued::add, 2);
        ch.writeInbound(record(call("00030d40", "00000001", "00000001") + "00000001"));
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.writeInbound(record(call("00030d40", "00000001", "00000001") + "00000002"));
        assertThat(ch.config().isAutoRead()).as("two in flight").isFalse();
        queued.poll().run();
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        queued.poll().run();
        ch.runPendingTasks();
        assertThat(ch.drainOutboundHex()).hasSize(2 * 2 * (4 + 28));
        ch.finishAndReleaseAll();
    }

    @Test
    void stopsReadingOnEveryConnectionThatWantsMoreWhenTheServerIsSaturated() {
        Queue<Runnable> queued = new ArrayDeque<>();
        RpcDispatcher d = new RpcDispatcher(
                java.util.List.of(program),
                new SysAuthenticator(Protocol.NFS3),
                queued::add,
                new DuplicateRequestCache(16),
                8,
                2);
        TestChannel a =
                new TestChannel(801, new RecordMarkingDecoder(4096), new RecordMarkingEncoder(), d.newHandler());
        TestChannel b =
                new TestChannel(802, new RecordMarkingDecoder(4096), new RecordMarkingEncoder(), d.newHandler());
        a.writeInbound(record(call("00030d40", "00000001", "00000001") + "00000001"));
        assertThat(a.config().isAutoRead()).isTrue();
        b.writeInbound(record(call("00030d40", "00000001", "00000001") + "00000002"));
        assertThat(b.config().isAutoRead()).as("two in flight in all").isFalse();
        queued.poll().run(); // a's call finishes: b may read again
        a.runPendingTasks();
        b.runPendingTasks();
        assertThat(b.config().isAutoRead()).isTrue();
        queued.poll().run();
        b.runPendingTasks();
        assertThat(d.inFlight()).isZero();
        assertThat(a.drainOutboundHex()).hasSize(2 * (4 + 28));
        assertThat(b.drainOutboundHex()).hasSize(2 * (4 + 28));
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }
}
