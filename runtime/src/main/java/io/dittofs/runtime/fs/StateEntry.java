package io.dittofs.runtime.fs;

import java.util.Arrays;

/**
 * One record of protocol state a share keeps with its metadata, so it survives a restart (an SMB
 * persistent handle, MS-SMB2 3.3.5.9.10): an opaque key and value within a kind the protocol
 * names. The store's limits apply (kind of {@code [a-z0-9._-]}, key of 1 to 1024 bytes, value up
 * to 64 KiB).
 */
public record StateEntry(byte[] key, byte[] value) {
    public StateEntry {
        key = key.clone();
        value = value.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateEntry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(value);
    }
}
