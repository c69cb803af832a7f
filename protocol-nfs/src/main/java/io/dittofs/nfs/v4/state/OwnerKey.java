package io.dittofs.nfs.v4.state;

import java.util.Arrays;
import java.util.HexFormat;

/** An open_owner4 or lock_owner4's opaque owner, as a map key (the client id is its map's). */
record OwnerKey(byte[] owner) {
    OwnerKey {
        owner = owner.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnerKey k && Arrays.equals(k.owner, owner);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(owner);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(owner);
    }
}
