package io.dittofs.smb.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A connection-oriented DCE/RPC endpoint (C706 chapter 12) behind one open of an IPC$ named pipe:
 * BIND is answered with BIND_ACK (NDR 2.0 accepted, everything else refused), REQUEST with
 * RESPONSE or FAULT. Only single-fragment PDUs without authentication are served.
 *
 * <p>Threading: one open's requests arrive in order; methods synchronize on the pipe.
 */
public final class DcerpcPipe {
    private static final int BIND = 11;
    private static final int BIND_ACK = 12;
    private static final int REQUEST = 0;
    private static final int RESPONSE = 2;
    private static final int FAULT = 3;
    private static final int PFC_FIRST_LAST = 0x03;
    private static final int NCA_S_OP_RNG_ERROR = 0x1C010002;
    private static final int NCA_S_PROTO_ERROR = 0x1C01000B;
    private static final UUID NDR = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");
    private static final int MAX_FRAG = 4280;
    /** The most bytes a PDU may have; larger input is refused. */
    private static final int MAX_PDU = 64 * 1024;

    private final String pipeName;
    private final Supplier<List<Srvsvc.Entry>> shares;
    private final Set<Integer> boundContexts = new HashSet<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private DcerpcPipe(String pipeName, Supplier<List<Srvsvc.Entry>> shares) {
        this.pipeName = pipeName;
        this.shares = shares;
    }

    /** The pipe {@code name} names, or {@code null} for a pipe not served (only "srvsvc"). */
    public static @org.jspecify.annotations.Nullable DcerpcPipe open(String name, Supplier<List<ShareListing>> shares) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("\\pipe\\")) {
            n = n.substring(6);
        }
        if (!n.equals("srvsvc")) {
            return null;
        }
        return new DcerpcPipe("\\PIPE\\srvsvc", () -> shares.get().stream()
                .map(s -> new Srvsvc.Entry(
                        s.name(), s.ipc() ? Srvsvc.STYPE_IPC_SPECIAL : Srvsvc.STYPE_DISKTREE, s.remark()))
                .toList());
    }

    /** A share as the pipe lists it. */
    public record ShareListing(String name, boolean ipc, String remark) {}

    /** Takes a PDU written to the pipe; its answer waits for {@link #read}. */
    public synchronized void write(byte[] pdu) {
        pending.writeBytes(answer(pdu));
    }

    /** Up to {@code max} bytes of pending output, removed from the pipe. */
    public synchronized byte[] read(int max) {
        byte[] all = pending.toByteArray();
        int n = Math.min(max, all.length);
        pending.reset();
        pending.write(all, n, all.length - n);
        return Arrays.copyOf(all, n);
    }

    public synchronized int available() {
        return pending.size();
    }

    /** A transaction (FSCTL_PIPE_TRANSCEIVE): write, then read what the write produced. */
    public synchronized byte[] transceive(byte[] pdu, int max) {
        write(pdu);
        return read(max);
    }

    private byte[] answer(byte[] pdu) {
        ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
        if (pdu.length < 16 || pdu.length > MAX_PDU || pdu[0] != 5 || pdu[1] != 0 || (pdu[4] & 0xF0) != 0x10) {
            return fault(0, NCA_S_PROTO_ERROR);
        }
        int type = pdu[2] & 0xFF;
        int flags = pdu[3] & 0xFF;
        int fragLength = b.getShort(8) & 0xFFFF;
        int authLength = b.getShort(10) & 0xFFFF;
        int callId = b.getInt(12);
        if (fragLength != pdu.length || authLength != 0 || (flags & PFC_FIRST_LAST) != PFC_FIRST_LAST) {
            return fault(callId, NCA_S_PROTO_ERROR);
        }
        try {
            return switch (type) {
                case BIND -> bindAck(b, callId);
                case REQUEST -> response(b, callId);
                default -> fault(callId, NCA_S_PROTO_ERROR);
            };
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // a malformed PDU: fields that run past its end, or counts that do not fit
            return fault(callId, NCA_S_PROTO_ERROR);
        }
    }

    private byte[] bindAck(ByteBuffer b, int callId) {
        b.position(16);
        b.getShort(); // max_xmit_frag
        b.getShort(); // max_recv_frag
        int assoc = b.getInt(); // assoc_group_id
        int count = b.get() & 0xFF; // n_context_elem
        b.position(b.position() + 3);
        ByteBuffer results = ByteBuffer.allocate(4 + 24 * count).order(ByteOrder.LITTLE_ENDIAN);
        results.put((byte) count).put(new byte[3]);
        for (int i = 0; i < count; i++) {
            int ctxId = b.getShort() & 0xFFFF; // p_cont_id
            int transfers = b.get() & 0xFF; // n_transfer_syn
            b.get();
            UUID abstractSyntax = uuid(b);
            int version = b.getShort() & 0xFFFF;
            b.getShort(); // minor version
            boolean ndr = false;
            boolean featureNegotiation = false;
            for (int t = 0; t < transfers; t++) {
                UUID ts = uuid(b);
                int tsVersion = b.getInt();
                ndr |= ts.equals(NDR) && tsVersion == 2;
                featureNegotiation |= ts.toString().startsWith("6cb71c2c-9812-4540");
            }
            boolean accept = ndr && abstractSyntax.equals(Srvsvc.INTERFACE) && version == Srvsvc.VERSION;
            if (accept) {
                boundContexts.add(ctxId);
                results.putShort((short) 0).putShort((short) 0); // acceptance
                putUuid(results, NDR);
                results.putInt(2);
            } else {
                // negotiate_ack with no features for bind-time feature negotiation, else provider rejection
                results.putShort((short) (featureNegotiation ? 3 : 2));
                results.putShort((short) (featureNegotiation ? 0 : ndr ? 1 : 2));
                results.put(new byte[20]);
            }
        }
        byte[] addr = (pipeName + "\0").getBytes(StandardCharsets.US_ASCII);
        int bodyStart = 16 + 8;
        int afterAddr = bodyStart + 2 + addr.length;
        int pad = (4 - afterAddr % 4) % 4;
        ByteBuffer out =
                ByteBuffer.allocate(afterAddr + pad + results.position()).order(ByteOrder.LITTLE_ENDIAN);
        header(out, BIND_ACK, callId);
        out.putShort((short) MAX_FRAG).putShort((short) MAX_FRAG); // max_xmit_frag, max_recv_frag
        out.putInt(assoc == 0 ? 0x53F0 : assoc); // assoc_group_id
        out.putShort((short) addr.length).put(addr).put(new byte[pad]); // sec_addr, padding
        out.put(results.array(), 0, results.position()); // p_result_list
        return finish(out);
    }

    private byte[] response(ByteBuffer b, int callId) {
        b.position(16);
        b.getInt(); // alloc_hint
        int ctxId = b.getShort() & 0xFFFF; // p_cont_id
        int opnum = b.getShort() & 0xFFFF; // opnum
        if ((b.get(3) & 0x80) != 0) { // PFC_OBJECT_UUID
            b.position(b.position() + 16);
        }
        if (!boundContexts.contains(ctxId)
                || (opnum != Srvsvc.NETR_SHARE_ENUM && opnum != Srvsvc.NETR_SHARE_GET_INFO)) {
            return fault(callId, NCA_S_OP_RNG_ERROR);
        }
        byte[] stub = new byte[b.remaining()];
        b.get(stub);
        byte[] reply = opnum == Srvsvc.NETR_SHARE_ENUM
                ? Srvsvc.shareEnum(stub, shares.get())
                : Srvsvc.shareGetInfo(stub, shares.get());
        ByteBuffer out = ByteBuffer.allocate(24 + reply.length).order(ByteOrder.LITTLE_ENDIAN);
        header(out, RESPONSE, callId);
        out.putInt(reply.length); // alloc_hint
        out.putShort((short) ctxId); // p_cont_id
        out.put((byte) 0).put((byte) 0); // cancel_count, reserved
        out.put(reply); // stub data
        return finish(out);
    }

    private static byte[] fault(int callId, int status) {
        ByteBuffer out = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        header(out, FAULT, callId);
        out.putInt(0).putShort((short) 0).put((byte) 0).put((byte) 0); // alloc_hint, p_cont_id, cancel_count, reserved
        out.putInt(status).putInt(0); // status, reserved
        return finish(out);
    }

    private static void header(ByteBuffer out, int type, int callId) {
        out.put((byte) 5).put((byte) 0); // rpc_vers, rpc_vers_minor
        out.put((byte) type).put((byte) PFC_FIRST_LAST); // PTYPE, pfc_flags
        out.put(new byte[] {0x10, 0, 0, 0}); // packed_drep: little-endian, ASCII, IEEE
        out.putShort((short) 0).putShort((short) 0); // frag_length (set in finish), auth_length
        out.putInt(callId); // call_id
    }

    private static byte[] finish(ByteBuffer out) {
        out.putShort(8, (short) out.position());
        return Arrays.copyOf(out.array(), out.position());
    }

    /** A UUID in its DCE wire form: the first three fields little-endian. */
    private static UUID uuid(ByteBuffer b) {
        long d1 = b.getInt() & 0xFFFFFFFFL;
        long d2 = b.getShort() & 0xFFFFL;
        long d3 = b.getShort() & 0xFFFFL;
        long hi = (d1 << 32) | (d2 << 16) | d3;
        long lo = b.order(ByteOrder.BIG_ENDIAN).getLong();
        b.order(ByteOrder.LITTLE_ENDIAN);
        return new UUID(hi, lo);
    }

    private static void putUuid(ByteBuffer b, UUID u) {
        long hi = u.getMostSignificantBits();
        b.putInt((int) (hi >>> 32)).putShort((short) (hi >>> 16)).putShort((short) hi);
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
        b.order(ByteOrder.LITTLE_ENDIAN);
    }
}
