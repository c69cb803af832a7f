package io.dittofs.runtime.fs;

import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.AclCodec;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.XattrReader;
import io.dittofs.store.metadata.XattrWriter;
import java.util.Optional;

/**
 * Where a file's ACL lives: the reserved extended attribute {@link AclCodec#XATTR_NAME}, through
 * the metadata store's xattr SPI, so no store needs a schema of its own for ACLs and the ACL goes
 * with the inode when it is deleted. A file without it has only its mode bits.
 */
final class StoredAcls {
    private StoredAcls() {}

    static Optional<Acl> of(XattrReader r, Inode n) {
        return r.xattr(n.fileId(), AclCodec.XATTR_NAME).map(AclCodec::decode);
    }

    static void put(XattrWriter w, Inode n, Acl acl) {
        w.putXattr(n.fileId(), AclCodec.XATTR_NAME, AclCodec.encode(acl));
    }
}
