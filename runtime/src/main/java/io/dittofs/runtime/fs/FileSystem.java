package io.dittofs.runtime.fs;

import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.auth.AuthContext;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The file operations of one share: the single API that NFSv3, NFSv4 and SMB all call.
 *
 * <p>Every method takes the caller's {@link AuthContext}; the runtime applies the share's options
 * (squashing, read-only) and checks POSIX permissions. Names are single path components: empty
 * names, ".", "..", and names with '/' or NUL are refused with INVALID_NAME (except by
 * {@link #lookup}, which resolves "." and ".." without ever leaving the share), names longer than
 * 255 bytes of UTF-8 with NAME_TOO_LONG. Failures are {@link io.dittofs.runtime.error.FsException}s.
 *
 * <p>All methods block and are safe to call from many threads; call them from virtual threads,
 * never from an event loop.
 */
public interface FileSystem extends AutoCloseable {

    /** The share's root directory. */
    NodeId root();

    /** Static limits of this file system. */
    FsInfo info();

    /** Attributes of {@code node}. */
    Attributes getAttributes(AuthContext ctx, NodeId node);

    /**
     * Changes attributes. With {@code ctimeGuard} set, fails with GUARD_MISMATCH unless the file's
     * ctime equals it (NFSv3 sattrguard3).
     */
    SetAttributesResult setAttributes(AuthContext ctx, NodeId node, SetAttributes changes, @Nullable Long ctimeGuard);

    /** Resolves {@code name} in {@code dir}, case-sensitively. "." is {@code dir}, ".." its parent (the root's is the root). */
    Attributes lookup(AuthContext ctx, NodeId dir, String name);

    /**
     * Resolves {@code name} in {@code dir} ignoring case (SMB). An exact match wins; otherwise,
     * of several names differing only in case, the oldest entry in the directory.
     */
    Attributes lookupIgnoringCase(AuthContext ctx, NodeId dir, String name);

    /** Which of the {@link Access} bits in {@code requested} the caller has on {@code node}. */
    int access(AuthContext ctx, NodeId node, int requested);

    /** The target of symlink {@code node}. */
    String readLink(AuthContext ctx, NodeId node);

    /** Reads up to {@code count} bytes at {@code offset}. */
    ReadResult read(AuthContext ctx, NodeId node, long offset, int count);

    /** Writes {@code data} (position to limit) at {@code offset}, durable as {@code stability} asks. */
    WriteResult write(AuthContext ctx, NodeId node, long offset, ByteBuffer data, Stability stability);

    /** Makes every write to {@code node} durable; returns its attributes. */
    Attributes commit(AuthContext ctx, NodeId node);

    /** Creates a regular file. */
    CreateResult createFile(AuthContext ctx, NodeId dir, String name, SetAttributes initial, CreateMode mode);

    /** Creates a directory. */
    CreateResult createDirectory(AuthContext ctx, NodeId dir, String name, SetAttributes initial);

    /** Creates a symlink to {@code target} (stored as given, never resolved by the server). */
    CreateResult createSymlink(AuthContext ctx, NodeId dir, String name, String target, SetAttributes initial);

    /** Creates a device file, socket or FIFO; {@code rdev} is {@code major << 32 | minor} for devices. */
    CreateResult createSpecial(
            AuthContext ctx, NodeId dir, String name, FileType type, long rdev, SetAttributes initial);

    /** Adds name {@code name} in {@code dir} for the existing non-directory {@code file}. */
    LinkResult link(AuthContext ctx, NodeId file, NodeId dir, String name);

    /** Removes a non-directory's name. */
    RemoveResult remove(AuthContext ctx, NodeId dir, String name);

    /** Removes an empty directory. */
    RemoveResult removeDirectory(AuthContext ctx, NodeId dir, String name);

    /**
     * Renames atomically, within or across directories of this share. An existing target is
     * replaced by POSIX rules: a file by a file, an empty directory by a directory.
     */
    RenameResult rename(AuthContext ctx, NodeId fromDir, String fromName, NodeId toDir, String toName);

    /**
     * Lists {@code dir} from after {@code cookie} (0: from the start), at most {@code maxEntries}
     * entries, with their attributes when {@code withAttributes}. Cookies stay valid while
     * entries are added and removed, and across restarts; {@code verifier} is the one returned
     * with the cookie, or 0.
     */
    DirectoryListing readDirectory(
            AuthContext ctx, NodeId dir, long cookie, long verifier, int maxEntries, boolean withAttributes);

    /**
     * The value of extended attribute {@code name} of {@code node} (see {@code XattrRules} for the
     * namespaces and who may read what); NOT_FOUND when it has none.
     */
    byte[] getXattr(AuthContext ctx, NodeId node, String name);

    /** The names of {@code node}'s extended attributes the caller may see, in UTF-8 byte order. */
    List<String> listXattrs(AuthContext ctx, NodeId node);

    /**
     * Sets extended attribute {@code name} of {@code node} (values up to 64 KiB), durably and
     * atomically with the file's ctime and change attribute.
     */
    void setXattr(AuthContext ctx, NodeId node, String name, byte[] value, XattrSetMode mode);

    /** Removes extended attribute {@code name} of {@code node}; NOT_FOUND when it has none. */
    void removeXattr(AuthContext ctx, NodeId node, String name);

    /**
     * {@code node}'s ACL: the one set on it (or inherited at creation), or, when it has none, the
     * ACL equivalent to its mode bits (RFC 8881 section 6.4.1.1). Needs READ_ACL, which the owner
     * always has.
     */
    Acl getAcl(AuthContext ctx, NodeId node);

    /**
     * Replaces {@code node}'s ACL, and its mode's permission bits with those the ACL implies (RFC
     * 8881 section 6.4.1.2; setuid, setgid and sticky stay), atomically with ctime and the change
     * attribute. From then on permission checks evaluate the ACL, and chmod rewrites its OWNER@,
     * GROUP@ and EVERYONE@ entries. The owner, the superuser, or whom the ACL grants WRITE_ACL
     * may set it. Returns the new attributes.
     */
    Attributes setAcl(AuthContext ctx, NodeId node, Acl acl);

    /** Space and file counts. */
    FsStats statFs(AuthContext ctx);

    /**
     * The protocol state records of {@code kind} this share keeps (for a protocol adapter, not a
     * client: no permission applies), in ascending key order.
     */
    List<StateEntry> stateEntries(String kind);

    /** Saves (inserts or replaces) state record {@code key} of {@code kind}, durably before returning. */
    void putStateEntry(String kind, byte[] key, byte[] value);

    /** Removes state record {@code key} of {@code kind}, if there is one. */
    void removeStateEntry(String kind, byte[] key);

    /**
     * Makes every unstable write durable and releases the file system's resources (not its
     * stores, which belong to whoever opened them). The daemon calls it when it stops; adapters
     * never do.
     */
    @Override
    void close();
}
