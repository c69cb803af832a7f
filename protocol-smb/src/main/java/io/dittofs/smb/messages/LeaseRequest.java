package io.dittofs.smb.messages;

import io.dittofs.smb.wire.SmbProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The lease of a CREATE: SMB2_CREATE_REQUEST_LEASE (MS-SMB2 2.2.13.2.8, 32 bytes, version 1) or
 * SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10, 52 bytes, version 2), and the response context
 * built from it (2.2.14.2.10 and 2.2.14.2.11).
 *
 * @param key LeaseKey (16 bytes)
 * @param state LeaseState requested: {@link #READ}, {@link #HANDLE}, {@link #WRITE} bits
 * @param version 1 or 2
 * @param parentKey ParentLeaseKey (v2, when its flag is set), else {@code null}
 * @param epoch Epoch (v2)
 */
public record LeaseRequest(byte[] key, int state, int version, byte[] parentKey, int epoch) {
    public static final String NAME = "RqLs";
    public static final int READ = 0x1;
    public static final int HANDLE = 0x2;
    public static final int WRITE = 0x4;
    /** LeaseFlags: a break of this lease is under way (2.2.14.2.10). */
    public static final int BREAK_IN_PROGRESS = 0x2;
    /** LeaseFlags: ParentLeaseKey is set (2.2.13.2.10). */
    public static final int PARENT_LEASE_KEY_SET = 0x4;

    private static final int V1_LENGTH = 32;
    private static final int V2_LENGTH = 52;

    public LeaseRequest {
        key = key.clone();
        parentKey = parentKey.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public static LeaseRequest decode(byte[] data) {
        if (data.length != V1_LENGTH && data.length != V2_LENGTH) {
            throw SmbProtocolException.invalid("lease context of " + data.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        byte[] key = new byte[16];
        b.get(key); // LeaseKey (16 bytes)
        int state = b.getInt(); // LeaseState (4 bytes)
        int flags = b.getInt(); // LeaseFlags (4 bytes)
        b.getLong(); // LeaseDuration (8 bytes): reserved
        if (data.length == V1_LENGTH) {
            return new LeaseRequest(key, state & (READ | HANDLE | WRITE), 1, new byte[0], 0);
        }
        byte[] parent = new byte[16];
        b.get(parent); // ParentLeaseKey (16 bytes)
        int epoch = b.getShort() & 0xFFFF; // Epoch (2 bytes); Reserved (2 bytes)
        return new LeaseRequest(
                key,
                state & (READ | HANDLE | WRITE),
                2,
                (flags & PARENT_LEASE_KEY_SET) != 0 ? parent : new byte[0],
                epoch);
    }

    /** The response context granting {@code granted} with {@code flags} at {@code newEpoch}. */
    public CreateContext response(int granted, int flags, int newEpoch) {
        ByteBuffer b = ByteBuffer.allocate(version == 1 ? V1_LENGTH : V2_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put(key).putInt(granted); // LeaseKey, LeaseState
        if (version == 1) {
            b.putInt(flags).putLong(0); // LeaseFlags, LeaseDuration
        } else {
            b.putInt(flags | (parentKey.length > 0 ? PARENT_LEASE_KEY_SET : 0)).putLong(0);
            b.put(parentKey.length > 0 ? parentKey : new byte[16]); // ParentLeaseKey
            b.putShort((short) newEpoch).putShort((short) 0); // Epoch, Reserved
        }
        return new CreateContext(NAME, b.array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeaseRequest r
                && Arrays.equals(key, r.key)
                && state == r.state
                && version == r.version
                && Arrays.equals(parentKey, r.parentKey)
                && epoch == r.epoch;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + state;
    }

    @Override
    public String toString() {
        return "LeaseRequest[v" + version + ", state=" + state + "]";
    }
}
