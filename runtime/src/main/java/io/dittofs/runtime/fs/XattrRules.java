package io.dittofs.runtime.fs;

import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.XattrReader;
import io.dittofs.store.metadata.Xattrs;
import java.nio.charset.StandardCharsets;

/**
 * Who may read and change which extended attributes, as Linux decides it ({@code
 * fs/xattr.c: xattr_permission}):
 *
 * <ul>
 *   <li>{@code user.*}: reading needs read permission on the file, changing needs write
 *       permission; only regular files and directories have them (others: NOT_PERMITTED to
 *       change, none to read), and in a sticky directory only its owner may change them.
 *   <li>{@code trusted.*}: the superuser only, and hidden from others' listings.
 *   <li>{@code security.*}: anyone may read, the superuser changes.
 *   <li>{@code system.*} (POSIX ACLs and the like) and names in no namespace: NOT_SUPPORTED
 *       (ACLs are the ACL layer's business, not free-form attributes).
 * </ul>
 */
final class XattrRules {
    private XattrRules() {}

    private static final String USER = "user.";
    private static final String TRUSTED = "trusted.";
    private static final String SECURITY = "security.";
    private static final String SYSTEM = "system.";

    /** Checks the name's form and namespace; returns it. */
    static String checkName(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new FsException(ErrorCode.INVALID_NAME, "invalid extended attribute name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > Xattrs.MAX_NAME_BYTES) {
            throw new FsException(ErrorCode.NAME_TOO_LONG, "extended attribute name longer than 255 bytes");
        }
        try {
            Xattrs.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new FsException(ErrorCode.INVALID_NAME, e.getMessage());
        }
        if (!(name.startsWith(USER) || name.startsWith(TRUSTED) || name.startsWith(SECURITY))
                || name.length() == name.indexOf('.') + 1) {
            throw new FsException(ErrorCode.NOT_SUPPORTED, "unsupported extended attribute namespace: " + name);
        }
        return name;
    }

    static void checkValue(byte[] value) {
        if (value.length > Xattrs.MAX_VALUE_BYTES) {
            throw new FsException(
                    ErrorCode.INVALID_ARGUMENT, "extended attribute value larger than " + Xattrs.MAX_VALUE_BYTES);
        }
    }

    /**
     * Whether {@code p} may see the name in a listing (Linux hides trusted.* from the
     * unprivileged). system.* names are the runtime's own (the stored ACL) and hidden from all.
     */
    static boolean listable(Principal p, String name) {
        return !name.startsWith(SYSTEM) && (p.isRoot() || !name.startsWith(TRUSTED));
    }

    /** Whether {@code node} can hold {@code name} at all; reads of one it cannot hold find nothing. */
    static boolean holds(Inode node, String name) {
        return !name.startsWith(USER) || node.type() == FileType.REGULAR || node.type() == FileType.DIRECTORY;
    }

    static void requireRead(Principal p, XattrReader r, Inode node, String name) {
        if (name.startsWith(TRUSTED)) {
            requireRoot(p, "reading trusted.* attributes");
        } else if (name.startsWith(USER)) {
            Permissions.require(p, r, node, Permissions.R, "reading extended attributes");
        }
    }

    /** Listing: the names are the file's metadata, readable like its user.* values. */
    static void requireList(Principal p, XattrReader r, Inode node) {
        Permissions.require(p, r, node, Permissions.R, "listing extended attributes");
    }

    static void requireWrite(Principal p, XattrReader r, Inode node, String name) {
        if (!name.startsWith(USER)) {
            requireRoot(p, "changing " + name.substring(0, name.indexOf('.') + 1) + "* attributes");
            return;
        }
        if (!holds(node, name)) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "user.* attributes only on files and directories");
        }
        if (node.isDirectory() && (node.mode() & Permissions.STICKY) != 0 && p.uid() != node.uid() && !p.isRoot()) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "only the owner changes a sticky directory's attributes");
        }
        Permissions.require(p, r, node, Permissions.W, "changing extended attributes");
    }

    private static void requireRoot(Principal p, String what) {
        if (!p.isRoot()) {
            throw new FsException(ErrorCode.NOT_PERMITTED, what + " needs the superuser");
        }
    }
}
