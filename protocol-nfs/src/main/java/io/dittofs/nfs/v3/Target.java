package io.dittofs.nfs.v3;

import io.dittofs.nfs.v3.xdr.Fattr3;
import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.v3.xdr.WccData3;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.DirectoryChange;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.runtime.share.Share;

/**
 * A file handle resolved: the share, its file system, the file, and the caller (the file system
 * applies the share's squashing).
 */
public record Target(Share share, FileSystem fs, NodeId node, AuthContext auth) {
    public FileHandle3 handle(NodeId other) {
        return FileHandle3.of(share.id(), other);
    }

    public Fattr3 fattr(Attributes a) {
        return Fattr3.of(a, share.id());
    }

    public WccData3 wcc(DirectoryChange change) {
        return WccData3.of(change, share.id());
    }
}
