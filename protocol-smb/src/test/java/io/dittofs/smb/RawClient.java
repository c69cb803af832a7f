package io.dittofs.smb;

import io.dittofs.smb.auth.ntlm.NtlmCrypto;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal SMB 2.1 client over a {@link Harness} or a socket ({@link TcpSmb}), for requests real
 * clients do not make on demand (compounds, abuse, leases): logs in with raw NTLMSSP (NTLMv2,
 * unsigned) and connects a tree.
 */
public final class RawClient {
    /** Sends one message as a frame and returns the response to it. */
    @FunctionalInterface
    public interface Exchange {
        ByteBuf exchange(ByteBuf message);
    }

    private final Exchange h;
    private long nextId;
    public long sessionId;
    public int treeId;
    /** The Capabilities of the tree connected at login. */
    public int treeCapabilities;
    /** The ClientGuid NEGOTIATE sends: the same for every client unless a test sets another before login. */
    public byte[] clientGuid = Requests.CLIENT_GUID.clone();
    /** The NTLMv2 session key of the last authentication (no key exchange: the SessionBaseKey). */
    private byte[] sessionKey = new byte[16];

    public RawClient(Harness h) {
        this(h::exchange);
    }

    public RawClient(Exchange h) {
        this.h = h;
    }

    public long nextMessageId() {
        return ++nextId;
    }

    public void login(String user, String password) {
        login(user, password, "share");
    }

    /** Negotiates 2.1, logs in and connects share {@code share}. */
    public void login(String user, String password, String share) {
        login(user, password, share, 0x0210);
    }

    /** Negotiates {@code dialect} (2.1, 3.0 or 3.0.2: unsigned unless the server requires signing), logs in and connects {@code share}. */
    public void login(String user, String password, String share, int dialect) {
        login(user, password, share, dialect, 0x4, key -> {});
    }

    /**
     * As {@link #login(String, String, String, int)} offering {@code capabilities}; {@code
     * established} gets the session key once the session is set up, before the tree connect (to
     * start encrypting).
     */
    public void login(
            String user,
            String password,
            String share,
            int dialect,
            int capabilities,
            java.util.function.Consumer<byte[]> established) {
        ByteBuf n = h.exchange(Requests.negotiateAs(0, clientGuid, capabilities, dialect));
        n.release();
        int status = authenticate(0, user, password);
        if (status != 0) {
            throw new AssertionError("login failed: 0x" + Integer.toHexString(status));
        }
        established.accept(sessionKey.clone());
        ByteBuf tc = Requests.header(Smb2Command.TREE_CONNECT, nextMessageId(), sessionId, 0);
        byte[] path = ("\\\\127.0.0.1\\" + share).getBytes(StandardCharsets.UTF_16LE);
        tc.writeShortLE(9)
                .writeShortLE(0)
                .writeShortLE(72)
                .writeShortLE(path.length)
                .writeBytes(path);
        ByteBuf t = h.exchange(tc);
        treeId = Smb2Header.decode(t).treeId();
        treeCapabilities = t.getIntLE(64 + 8); // TREE_CONNECT response Capabilities (2.2.10)
        t.release();
    }

    /** One NTLM exchange on session {@code sid} (0: a new one); returns the final status. */
    public int authenticate(long sid, String user, String password) {
        ByteBuf r1 = h.exchange(sessionSetup(sid, ntlmNegotiate()));
        sessionId = r1.getLongLE(40);
        int off = r1.getUnsignedShortLE(68);
        int len = r1.getUnsignedShortLE(70);
        byte[] challenge = new byte[len];
        r1.getBytes(off, challenge);
        r1.release();
        ByteBuf r2 = h.exchange(sessionSetup(sessionId, ntlmAuthenticate(challenge, user, password)));
        int status = Smb2Header.decode(r2).status();
        r2.release();
        return status;
    }

    private ByteBuf sessionSetup(long sid, byte[] token) {
        ByteBuf b = Requests.header(Smb2Command.SESSION_SETUP, nextMessageId(), sid, 0);
        b.writeShortLE(25).writeByte(0).writeByte(1).writeIntLE(0).writeIntLE(0);
        b.writeShortLE(88).writeShortLE(token.length).writeLongLE(0).writeBytes(token);
        return b;
    }

    private static byte[] ntlmNegotiate() {
        return ByteBuffer.allocate(32)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII))
                .putInt(1)
                .putInt(0x22088215) // UNICODE, REQUEST_TARGET, SIGN, NTLM, ALWAYS_SIGN, ESS, VERSION, 128, KEY_EXCH off
                .putLong(0)
                .putLong(0)
                .array();
    }

    private byte[] ntlmAuthenticate(byte[] challenge, String user, String password) {
        ByteBuffer c = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        int infoLen = c.getShort(40) & 0xFFFF;
        int infoOff = c.getInt(44);
        byte[] info = Arrays.copyOfRange(challenge, infoOff, infoOff + infoLen);
        byte[] temp = ByteBuffer.allocate(28 + info.length + 4)
                .put(new byte[] {1, 1, 0, 0, 0, 0, 0, 0})
                .putLong(0)
                .put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .putInt(0)
                .put(info)
                .putInt(0)
                .array();
        byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash(password), user, "WORKGROUP");
        byte[] proof = Arrays.copyOf(NtlmCrypto.hmacMd5(key, serverChallenge, temp), 16);
        sessionKey = NtlmCrypto.hmacMd5(key, proof); // SessionBaseKey (MS-NLMP 3.3.2)
        byte[] nt = ByteBuffer.allocate(16 + temp.length).put(proof).put(temp).array();
        byte[] domain = "WORKGROUP".getBytes(StandardCharsets.UTF_16LE);
        byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
        byte[][] fields = {new byte[24], nt, domain, u, new byte[0], new byte[0]};
        int at = 72;
        int total = at;
        for (byte[] f : fields) {
            total += f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(3);
        for (byte[] f : fields) {
            b.putShort((short) f.length).putShort((short) f.length).putInt(at);
            at += f.length;
        }
        b.putInt(0x22088215).putLong(0);
        for (byte[] f : fields) {
            b.put(f);
        }
        return b.array();
    }
}
