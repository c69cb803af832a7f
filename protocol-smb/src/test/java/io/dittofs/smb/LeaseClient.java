package io.dittofs.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dittofs.smb.encryption.MessageCipher;
import io.dittofs.smb.signing.Cipher;
import io.dittofs.smb.signing.SessionKeys;
import io.dittofs.smb.wire.Dialect;
import io.dittofs.smb.wire.Smb2Command;
import io.dittofs.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A raw SMB 2.1 client on a socket that requests leases and oplocks and sees their breaks
 * (smbj does neither): CREATE with RqLs, OPLOCK_BREAK acknowledgments, and the unsolicited
 * break notifications (MS-SMB2 2.2.13.2.8, 2.2.23, 2.2.24).
 */
public final class LeaseClient implements AutoCloseable {
    public static final int R = 1;
    public static final int H = 2;
    public static final int W = 4;
    private static final int GENERIC_READ_WRITE = 0xC0000000;
    private static final int SHARE_ALL = 7;
    private static final int FILE_OPEN_IF = 3;
    private static final int GENERIC_READ = 0x80000000;
    private static final int FILE_DIRECTORY_FILE = 0x1;
    private static final int FILE_NON_DIRECTORY_FILE = 0x40;

    public final TcpSmb socket;
    public final RawClient raw;

    public LeaseClient(int port, String user, String password, String share) throws IOException {
        this(port, user, password, share, 0x0210);
    }

    private LeaseClient(TcpSmb socket) {
        this.socket = socket;
        this.raw = new RawClient(socket);
    }

    /** An SMB 3.0 client that encrypts (AES-128-CCM) from the tree connect on, as a share requiring encryption needs. */
    public static LeaseClient encrypted(int port, String user, String password, String share) throws IOException {
        LeaseClient c = new LeaseClient(new TcpSmb(port));
        c.raw.login(
                user,
                password,
                share,
                0x0300,
                0x44,
                key -> { // Capabilities: LARGE_MTU, ENCRYPTION
                    SessionKeys keys = SessionKeys.derive(Dialect.SMB_3_0, key, new byte[0], Cipher.AES_128_CCM);
                    // The server's ServerIn key is what the client seals with, its ServerOut what it opens.
                    c.socket.encrypt(
                            new MessageCipher(Cipher.AES_128_CCM),
                            keys.decryptionKey(),
                            keys.encryptionKey(),
                            c.raw.sessionId);
                });
        return c;
    }

    /** An SMB 2.1 client with its own ClientGuid (another client, where the others share one). */
    public static LeaseClient withClientGuid(int port, String user, String password, String share, byte[] guid)
            throws IOException {
        LeaseClient c = new LeaseClient(new TcpSmb(port));
        c.raw.clientGuid = guid.clone();
        c.raw.login(user, password, share, 0x0210);
        return c;
    }

    /** A client of {@code dialect} (0x0300 for directory leases). */
    public LeaseClient(int port, String user, String password, String share, int dialect) throws IOException {
        this(new TcpSmb(port));
        raw.login(user, password, share, dialect);
    }

    /**
     * What a CREATE got: the open, OplockLevel, the granted lease state (-1: no lease context) and
     * every response context by name.
     */
    public record Created(
            long persistent, long volatileId, int oplockLevel, int leaseState, Map<String, byte[]> contexts) {}

    /** A lease break notification. */
    public record Break(int flags, int current, int next) {}

    /** Opens (or creates) {@code name} for read and write, sharing all, asking for a lease (or an oplock when the key is empty). */
    public Created create(String name, int oplockLevel, byte[] leaseKey, int leaseState) {
        Map<String, byte[]> contexts = new LinkedHashMap<>();
        if (leaseKey.length > 0) {
            contexts.put("RqLs", lease(leaseKey, leaseState));
        }
        return create(name, oplockLevel, contexts);
    }

    /** SMB2_CREATE_REQUEST_LEASE (v1). */
    public static byte[] lease(byte[] key, int state) {
        return ByteBuffer.allocate(32)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(key)
                .putInt(state)
                .putInt(0)
                .putLong(0)
                .array();
    }

    /** SMB2_CREATE_REQUEST_LEASE_V2 (MS-SMB2 2.2.13.2.10), with a ParentLeaseKey when {@code parent} is not empty. */
    public static byte[] leaseV2(byte[] key, int state, byte[] parent) {
        return ByteBuffer.allocate(52)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(key) // LeaseKey
                .putInt(state) // LeaseState
                .putInt(parent.length > 0 ? 0x4 : 0) // LeaseFlags: PARENT_LEASE_KEY_SET
                .putLong(0) // LeaseDuration
                .put(parent.length > 0 ? parent : new byte[16]) // ParentLeaseKey
                .putShort((short) 0) // Epoch
                .putShort((short) 0) // Reserved
                .array();
    }

    /** SMB2_CREATE_DURABLE_HANDLE_REQUEST_V2 (2.2.13.2.11), server-chosen timeout, CreateGuid made from {@code guid}. */
    public static byte[] dh2q(int flags, long guid) {
        return ByteBuffer.allocate(32)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0) // Timeout: the server's choice
                .putInt(flags) // Flags (0x2: PERSISTENT)
                .putLong(0) // Reserved
                .putLong(guid)
                .putLong(~guid) // CreateGuid
                .array();
    }

    /** SMB2_CREATE_DURABLE_HANDLE_RECONNECT_V2 (2.2.13.2.12) of {@code open}, CreateGuid as {@link #dh2q}. */
    public static Map<String, byte[]> dh2c(Created open, long guid) {
        return Map.of(
                "DH2C",
                ByteBuffer.allocate(36)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(open.persistent())
                        .putLong(open.volatileId()) // FileId
                        .putLong(guid)
                        .putLong(~guid) // CreateGuid
                        .putInt(0) // Flags
                        .array());
    }

    /** Opens (or creates) directory {@code name} for reading, sharing all, asking for a v2 lease of {@code state}. */
    public Created openDirectory(String name, byte[] leaseKey, int state) {
        Map<String, byte[]> contexts = new LinkedHashMap<>();
        contexts.put("RqLs", leaseV2(leaseKey, state, new byte[0]));
        Created c = tryCreate(name, 0xFF, contexts, GENERIC_READ, FILE_DIRECTORY_FILE);
        assertThat(c).as("directory CREATE succeeded").isNotNull();
        return c;
    }

    /** CREATE of {@code name} (read and write, share all, open-if) with these create contexts. */
    public Created create(String name, int oplockLevel, Map<String, byte[]> contexts) {
        Created c = tryCreate(name, oplockLevel, contexts);
        assertThat(c).as("CREATE succeeded").isNotNull();
        return c;
    }

    /** As {@link #create(String, int, Map)}; {@code null} when the status is not success. */
    public @Nullable Created tryCreate(String name, int oplockLevel, Map<String, byte[]> contexts) {
        return tryCreate(name, oplockLevel, contexts, GENERIC_READ_WRITE, FILE_NON_DIRECTORY_FILE);
    }

    /** As {@link #tryCreate(String, int, Map)} with this DesiredAccess and CreateOptions. */
    public @Nullable Created tryCreate(
            String name, int oplockLevel, Map<String, byte[]> contexts, int desiredAccess, int createOptions) {
        ByteBuf m = Requests.header(Smb2Command.CREATE, raw.nextMessageId(), raw.sessionId, raw.treeId);
        byte[] path = name.getBytes(StandardCharsets.UTF_16LE);
        int contextsAt = 120 + ((path.length + 7) & ~7);
        m.writeShortLE(57).writeByte(0).writeByte(oplockLevel); // StructureSize, SecurityFlags, RequestedOplockLevel
        m.writeIntLE(2).writeLongLE(0).writeLongLE(0); // ImpersonationLevel, SmbCreateFlags, Reserved
        m.writeIntLE(desiredAccess).writeIntLE(0).writeIntLE(SHARE_ALL); // DesiredAccess, FileAttributes, ShareAccess
        m.writeIntLE(FILE_OPEN_IF).writeIntLE(createOptions); // CreateDisposition, CreateOptions
        m.writeShortLE(120).writeShortLE(path.length); // NameOffset, NameLength
        int lengthsAt = m.writerIndex();
        m.writeIntLE(0).writeIntLE(0); // CreateContextsOffset, Length: set below
        m.writeBytes(path);
        if (!contexts.isEmpty()) {
            m.writeZero(contextsAt - m.writerIndex());
            int k = 0;
            for (Map.Entry<String, byte[]> e : contexts.entrySet()) {
                int start = m.writerIndex();
                byte[] data = e.getValue();
                int size = 24 + data.length;
                int next = ++k < contexts.size() ? (size + 7) & ~7 : 0;
                m.writeIntLE(next).writeShortLE(16).writeShortLE(4); // Next, NameOffset, NameLength
                m.writeShortLE(0).writeShortLE(24).writeIntLE(data.length); // Reserved, DataOffset, DataLength
                m.writeBytes(e.getKey().getBytes(StandardCharsets.US_ASCII)).writeZero(4); // Name, Padding
                m.writeBytes(data);
                if (next != 0) {
                    m.writeZero(start + next - m.writerIndex());
                }
            }
            m.setIntLE(lengthsAt, contextsAt);
            m.setIntLE(lengthsAt + 4, m.writerIndex() - contextsAt);
        }
        ByteBuf r = socket.exchange(m);
        try {
            if (Smb2Header.decode(r).status() != 0) {
                return null;
            }
            Map<String, byte[]> got = new LinkedHashMap<>();
            if (r.getUnsignedIntLE(64 + 84) > 0) {
                int at = (int) r.getUnsignedIntLE(64 + 80);
                while (true) {
                    int next = r.getIntLE(at);
                    byte[] n = new byte[r.getUnsignedShortLE(at + 6)];
                    r.getBytes(at + r.getUnsignedShortLE(at + 4), n);
                    byte[] data = new byte[r.getIntLE(at + 12)];
                    r.getBytes(at + r.getUnsignedShortLE(at + 10), data);
                    got.put(new String(n, StandardCharsets.US_ASCII), data);
                    if (next == 0) {
                        break;
                    }
                    at += next;
                }
            }
            byte[] leaseData = got.get("RqLs");
            int granted = -1;
            if (leaseData != null) {
                granted = ByteBuffer.wrap(leaseData)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt(16);
            }
            return new Created(r.getLongLE(64 + 64), r.getLongLE(64 + 72), r.getUnsignedByte(64 + 2), granted, got);
        } finally {
            r.release();
        }
    }

    /**
     * CREATE with a durable reconnect context, tried until the server has noticed the old
     * connection went (it keeps the open only then); {@code null} when it never succeeds.
     */
    public @Nullable Created reclaim(String name, int oplockLevel, Map<String, byte[]> contexts)
            throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Created c = tryCreate(name, oplockLevel, contexts);
            if (c != null) {
                return c;
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** Closes {@code open} (SMB2 CLOSE, 2.2.15); returns the status. */
    public int closeFile(Created open) {
        ByteBuf m = Requests.header(Smb2Command.CLOSE, raw.nextMessageId(), raw.sessionId, raw.treeId);
        m.writeShortLE(24).writeShortLE(0).writeIntLE(0); // StructureSize, Flags, Reserved
        m.writeLongLE(open.persistent()).writeLongLE(open.volatileId()); // FileId
        return status(socket.exchange(m));
    }

    /** Writes {@code data} at 0 through {@code open}; returns the status. */
    public int write(Created open, byte[] data) {
        ByteBuf m = Requests.header(Smb2Command.WRITE, raw.nextMessageId(), raw.sessionId, raw.treeId);
        m.writeShortLE(49).writeShortLE(64 + 48); // StructureSize, DataOffset
        m.writeIntLE(data.length).writeLongLE(0); // Length, Offset
        m.writeLongLE(open.persistent()).writeLongLE(open.volatileId()); // FileId
        m.writeIntLE(0).writeIntLE(0); // Channel, RemainingBytes
        m.writeShortLE(0).writeShortLE(0).writeIntLE(0); // WriteChannelInfoOffset, Length, Flags
        m.writeBytes(data);
        return status(socket.exchange(m));
    }

    /** Reads {@code count} bytes at 0 through {@code open}; returns the status. */
    public int read(Created open, int count) {
        ByteBuf m = Requests.header(Smb2Command.READ, raw.nextMessageId(), raw.sessionId, raw.treeId);
        m.writeShortLE(49)
                .writeByte(0)
                .writeByte(0)
                .writeIntLE(count)
                .writeLongLE(0); // StructureSize, Padding, Flags, Length, Offset
        m.writeLongLE(open.persistent()).writeLongLE(open.volatileId()); // FileId
        m.writeIntLE(0)
                .writeIntLE(0)
                .writeIntLE(0)
                .writeShortLE(0)
                .writeShortLE(0)
                .writeByte(0);
        return status(socket.exchange(m));
    }

    /** Acknowledges a lease break with {@code state}; returns the status. */
    public int ackLease(byte[] key, int state) {
        ByteBuf m = Requests.header(Smb2Command.OPLOCK_BREAK, raw.nextMessageId(), raw.sessionId, raw.treeId);
        m.writeShortLE(36)
                .writeShortLE(0)
                .writeIntLE(0)
                .writeBytes(key)
                .writeIntLE(state)
                .writeLongLE(0);
        return status(socket.exchange(m));
    }

    /** Acknowledges an oplock break of {@code open} with {@code level}; returns the status. */
    public int ackOplock(Created open, int level) {
        ByteBuf m = Requests.header(Smb2Command.OPLOCK_BREAK, raw.nextMessageId(), raw.sessionId, raw.treeId);
        m.writeShortLE(24).writeByte(level).writeByte(0).writeIntLE(0);
        m.writeLongLE(open.persistent()).writeLongLE(open.volatileId());
        return status(socket.exchange(m));
    }

    private static int status(ByteBuf r) {
        try {
            return Smb2Header.decode(r).status();
        } finally {
            r.release();
        }
    }

    /** The next lease break notification, checked to name {@code key}. */
    public Break leaseBreak(byte[] key) throws InterruptedException {
        ByteBuf n = socket.notification(10_000);
        assertThat(n).as("a lease break").isNotNull();
        try {
            assertThat(Smb2Header.decode(n).command()).isEqualTo(Smb2Command.OPLOCK_BREAK.code());
            assertThat(n.getUnsignedShortLE(64)).isEqualTo(44);
            byte[] k = new byte[16];
            n.getBytes(72, k);
            assertThat(k).isEqualTo(key);
            return new Break(n.getIntLE(68), n.getIntLE(88), n.getIntLE(92));
        } finally {
            n.release();
        }
    }

    /** The next unsolicited message within {@code millis}, or {@code null}. */
    public @Nullable ByteBuf notification(long millis) throws InterruptedException {
        return socket.notification(millis);
    }

    /** A lease key made from {@code seed}. */
    public static byte[] key(int seed) {
        byte[] k = new byte[16];
        k[0] = (byte) seed;
        k[15] = (byte) 0x5A;
        return k;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
