package io.dittofs.runtime.fs;

import io.dittofs.runtime.acl.AceMask;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.AclInheritance;
import io.dittofs.runtime.acl.AclModes;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import java.util.Optional;

/**
 * The ACL operations of {@link PosixFileSystem} and the ACL side of chmod and create (RFC 8881
 * section 6.4; the rules themselves are in {@link AclModes} and {@link AclInheritance}). Each is
 * part of one metadata transaction with the inode it changes.
 *
 * <p>Threading: stateless; safe for any number of threads.
 */
final class AclOperations {
    private final MetadataStore meta;
    private final PosixFileSystem fs;

    AclOperations(MetadataStore meta, PosixFileSystem fs) {
        this.meta = meta;
        this.fs = fs;
    }

    /** The stored ACL, or the one equivalent to the mode. Needs READ_ACL, which the owner always has. */
    Acl get(Principal p, NodeId node) {
        return meta.read(r -> {
            Inode n = fs.load(r, node);
            Optional<Acl> stored = StoredAcls.of(r, n);
            if (stored.isPresent()
                    && !Permissions.isOwnerOrRoot(p, n)
                    && !stored.get().allows(p, n.uid(), n.gid(), AceMask.READ_ACL)) {
                throw new FsException(ErrorCode.ACCESS_DENIED, "reading the ACL denied to uid " + p.uid());
            }
            return stored.orElseGet(() -> AclModes.fromMode(n.mode(), n.isDirectory()));
        });
    }

    /**
     * Stores {@code acl} and sets the mode's permission bits to what it implies (section 6.4.1.2),
     * keeping setuid, setgid and sticky. The owner, the superuser, or whom the current ACL grants
     * WRITE_ACL may do it; symlinks have no ACL.
     */
    Attributes set(Principal p, NodeId node, Acl acl, long now) {
        return fs.attributes(meta.write(Durability.SYNC, w -> {
            Inode n = fs.load(w, node);
            if (n.type() == FileType.SYMLINK) {
                throw new FsException(ErrorCode.NOT_SUPPORTED, "symlinks have no ACL");
            }
            if (!Permissions.isOwnerOrRoot(p, n)
                    && !StoredAcls.of(w, n)
                            .map(a -> a.allows(p, n.uid(), n.gid(), AceMask.WRITE_ACL))
                            .orElse(false)) {
                throw new FsException(
                        ErrorCode.NOT_PERMITTED, "setting the ACL: uid " + p.uid() + " does not own the file");
            }
            StoredAcls.put(w, n, acl);
            Inode changed = n.toBuilder()
                    .mode(AclModes.applyTo(n.mode(), acl))
                    .ctime(now)
                    .change(PosixFileSystem.nextChange(n, now))
                    .build();
            w.putInode(changed);
            return changed;
        }));
    }

    /** After a chmod of {@code changed}: its stored ACL, if any, follows the new mode (section 6.4.1.1). */
    static void afterChmod(MetadataWriter w, Inode changed) {
        StoredAcls.of(w, changed)
                .ifPresent(acl ->
                        StoredAcls.put(w, changed, AclModes.withMode(acl, changed.mode(), changed.isDirectory())));
    }

    /**
     * A new inode in {@code parent}, with the ACL it inherits (section 6.4.3) and the mode that
     * goes with it: when the creator gave a mode, the inherited ACL is adjusted to it as by
     * chmod; otherwise the mode comes from the inherited ACL.
     */
    record Created(Inode inode, Optional<Acl> acl) {
        /** Stores the inherited ACL; call after the inode is put. */
        void storeAcl(MetadataWriter w) {
            acl.ifPresent(a -> StoredAcls.put(w, inode, a));
        }
    }

    static Created inherit(MetadataWriter w, Inode parent, Inode created, boolean modeGiven) {
        if (created.type() == FileType.SYMLINK) {
            return new Created(created, Optional.empty());
        }
        Optional<Acl> inherited =
                StoredAcls.of(w, parent).flatMap(a -> AclInheritance.inherited(a, created.isDirectory()));
        if (inherited.isEmpty()) {
            return new Created(created, inherited);
        }
        if (modeGiven) {
            return new Created(
                    created, Optional.of(AclModes.withMode(inherited.get(), created.mode(), created.isDirectory())));
        }
        Inode withMode = created.toBuilder()
                .mode(AclModes.applyTo(created.mode(), inherited.get()))
                .build();
        return new Created(withMode, inherited);
    }
}
