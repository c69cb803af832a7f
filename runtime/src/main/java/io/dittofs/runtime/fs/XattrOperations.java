package io.dittofs.runtime.fs;

import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import java.util.List;

/**
 * The extended-attribute operations of {@link PosixFileSystem}: one metadata transaction each,
 * permission rules in {@link XattrRules}. A change also moves the file's ctime and change
 * attribute, in the same transaction, as {@code setxattr(2)} does.
 *
 * <p>Threading: stateless; safe for any number of threads.
 */
final class XattrOperations {
    private final MetadataStore meta;
    private final PosixFileSystem fs;

    XattrOperations(MetadataStore meta, PosixFileSystem fs) {
        this.meta = meta;
        this.fs = fs;
    }

    byte[] get(Principal p, NodeId node, String name) {
        XattrRules.checkName(name);
        return meta.read(r -> {
            Inode n = fs.load(r, node);
            XattrRules.requireRead(p, r, n, name);
            if (!XattrRules.holds(n, name)) {
                throw noAttribute(name);
            }
            return r.xattr(n.fileId(), name).orElseThrow(() -> noAttribute(name));
        });
    }

    List<String> list(Principal p, NodeId node) {
        return meta.read(r -> {
            Inode n = fs.load(r, node);
            XattrRules.requireList(p, r, n);
            return r.xattrNames(n.fileId()).stream()
                    .filter(name -> XattrRules.listable(p, name))
                    .toList();
        });
    }

    void set(Principal p, NodeId node, String name, byte[] value, XattrSetMode mode, long now) {
        XattrRules.checkName(name);
        XattrRules.checkValue(value);
        meta.write(Durability.SYNC, w -> {
            Inode n = fs.load(w, node);
            XattrRules.requireWrite(p, w, n, name);
            boolean exists = w.xattr(n.fileId(), name).isPresent();
            if (exists && mode == XattrSetMode.CREATE) {
                throw new FsException(ErrorCode.EXISTS, "attribute " + name + " exists");
            }
            if (!exists && mode == XattrSetMode.REPLACE) {
                throw noAttribute(name);
            }
            w.putXattr(n.fileId(), name, value);
            w.putInode(attributesChanged(n, now));
            return null;
        });
    }

    void remove(Principal p, NodeId node, String name, long now) {
        XattrRules.checkName(name);
        meta.write(Durability.SYNC, w -> {
            Inode n = fs.load(w, node);
            XattrRules.requireWrite(p, w, n, name);
            if (!w.removeXattr(n.fileId(), name)) {
                throw noAttribute(name);
            }
            w.putInode(attributesChanged(n, now));
            return null;
        });
    }

    private static Inode attributesChanged(Inode n, long now) {
        return n.toBuilder()
                .ctime(now)
                .change(PosixFileSystem.nextChange(n, now))
                .build();
    }

    private static FsException noAttribute(String name) {
        return new FsException(ErrorCode.NOT_FOUND, "no extended attribute " + name);
    }
}
