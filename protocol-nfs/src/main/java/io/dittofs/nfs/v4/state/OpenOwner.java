package io.dittofs.nfs.v4.state;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An open_owner4 (RFC 7530 section 9.1.5): in minor version 0 it sequences its OPEN, CLOSE,
 * OPEN_CONFIRM and OPEN_DOWNGRADE requests by seqid and keeps the last reply for a
 * retransmission. Guarded by its client's monitor.
 */
public final class OpenOwner {
    final Nfs4Client client;
    final OwnerKey owner;
    final List<OpenState> opens = new ArrayList<>();
    final SeqidWindow seqids = new SeqidWindow();
    boolean confirmed;

    public SeqidWindow seqids() {
        return seqids;
    }

    OpenOwner(Nfs4Client client, OwnerKey owner) {
        this.client = client;
        this.owner = owner;
    }

    /** The last seqid and reply of an owner in minor version 0 (RFC 7530 section 9.1.7). */
    public static final class SeqidWindow {
        boolean started;
        int last;

        @Nullable
        Object lastReply;

        /** Starts the window at {@code seqid} (a lock-owner's first LOCK, section 16.10.4). */
        public void start(int seqid) {
            if (!started) {
                started = true;
                last = seqid;
            }
        }
    }
}
