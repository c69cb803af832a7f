package io.dittofs.nfs.v4.state;

import io.dittofs.nfs.v4.Nfs4Handle;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.open.OpenHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The open of one file by one open-owner (RFC 7530 section 9.1.4.1): one stateid whose seqid
 * grows with every OPEN upgrade or OPEN_DOWNGRADE, and the runtime open carrying its share
 * reservation. {@code accessSeen}/{@code denySeen} record every mode an OPEN asked for, so
 * OPEN_DOWNGRADE can check it returns to one of them (section 16.19.4). Guarded by its client's
 * monitor.
 */
public final class OpenState {
    final OpenOwner owner;
    final FileKey file;
    final Nfs4Handle handle;
    final OpenHandle open;
    Stateid stateid;
    int access;
    int deny;
    int accessSeen;
    int denySeen;
    final List<LockState> locks = new ArrayList<>();

    OpenState(
            OpenOwner owner, FileKey file, Nfs4Handle handle, OpenHandle open, Stateid stateid, int access, int deny) {
        this.owner = owner;
        this.file = file;
        this.handle = handle;
        this.open = open;
        this.stateid = stateid;
        this.access = access;
        this.deny = deny;
        this.accessSeen = 1 << access;
        this.denySeen = 1 << deny;
    }

    public FileKey file() {
        return file;
    }

    public Nfs4Client client() {
        return owner.client;
    }

    public synchronized int access() {
        return access;
    }
}
