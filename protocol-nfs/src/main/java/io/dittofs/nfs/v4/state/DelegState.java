package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.CachingGrant;

/**
 * A read delegation (RFC 7530 section 10.2, RFC 8881 section 10.2): the runtime's caching grant
 * that lets the client serve reads and opens for reading from its cache, and the stateid naming
 * it. Recalled when anyone else, over any protocol, opens the file for writing, writes it
 * without an open, changes its size, mode or owner, removes, renames or replaces it.
 */
public final class DelegState {
    final Nfs4Client client;
    final FileKey file;
    final Nfs4Handle handle;
    final Stateid stateid;
    final CachingGrant grant;

    DelegState(Nfs4Client client, FileKey file, Nfs4Handle handle, Stateid stateid, CachingGrant grant) {
        this.client = client;
        this.file = file;
        this.handle = handle;
        this.stateid = stateid;
        this.grant = grant;
    }

    public Stateid stateid() {
        return stateid;
    }
}
