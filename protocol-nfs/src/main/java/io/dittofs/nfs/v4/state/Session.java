package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.v4.Nfs4;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An NFSv4.1 session (RFC 8881 section 2.10): its id, its client, the negotiated fore channel
 * and the slot table.
 *
 * @param maxRequestSize ca_maxrequestsize granted
 * @param maxResponseSize ca_maxresponsesize granted
 * @param maxOperations ca_maxoperations granted
 */
public record Session(
        byte[] id,
        Nfs4Client client,
        Slot[] slots,
        int maxRequestSize,
        int maxResponseSize,
        int maxOperations,
        CallbackPath callbacks) {

    public Session {
        if (id.length != Nfs4.SESSIONID_SIZE) {
            throw new IllegalArgumentException("session id of " + id.length + " bytes");
        }
    }

    public String key() {
        return HexFormat.of().formatHex(id);
    }

    public int highestSlot() {
        return slots.length - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session s && Arrays.equals(s.id, id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "Session[" + key() + ", client " + Long.toHexString(client.id()) + "]";
    }
}
