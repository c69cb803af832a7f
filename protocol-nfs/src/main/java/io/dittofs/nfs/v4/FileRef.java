package io.dittofs.nfs.v4;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.lock.FileKey;
import io.dittofs.runtime.share.Share;

/** A handle of a share file resolved: the share, its file system, the file, the caller. */
public record FileRef(Share share, FileSystem fs, NodeId node, AuthContext auth) {

    public FileKey key() {
        return new FileKey(share.id(), node.fileId());
    }

    public Nfs4Handle handle() {
        return new Nfs4Handle.ShareFile(share.id(), node);
    }

    public Nfs4Handle handle(NodeId other) {
        return new Nfs4Handle.ShareFile(share.id(), other);
    }

    /** Another file of the same share, for the same caller. */
    public FileRef child(NodeId other) {
        return new FileRef(share, fs, other, auth);
    }

    public boolean isShareRoot() {
        return node.equals(fs.root());
    }
}
