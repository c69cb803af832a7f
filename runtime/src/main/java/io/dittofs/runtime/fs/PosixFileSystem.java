package io.dittofs.runtime.fs;

import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.auth.Principal;
import io.dittofs.runtime.content.ContentKey;
import io.dittofs.runtime.content.ContentStore;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.share.ShareOptions;
import io.dittofs.store.block.Capacity;
import io.dittofs.store.metadata.DirEntry;
import io.dittofs.store.metadata.DirPage;
import io.dittofs.store.metadata.Durability;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataReader;
import io.dittofs.store.metadata.MetadataStore;
import io.dittofs.store.metadata.MetadataWriter;
import io.dittofs.store.metadata.NameFolding;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The POSIX semantics of a share, over a {@link MetadataStore} for the namespace and attributes
 * and a {@link ContentStore} for file data. Every rule (permissions, link counts, rename, times,
 * setuid clearing) is here, once, for every protocol and every store.
 *
 * <p>Each namespace change is one metadata transaction; data of a removed file is deleted after
 * its transaction commits (a crash in between leaves only unreferenced blocks). Namespace
 * changes and SETATTR are durable before they return (RFC 1813 requires it of CREATE, REMOVE,
 * RENAME and friends); UNSTABLE writes defer their size and time updates to the next commit.
 *
 * <p>Threading: stateless apart from its stores, which provide the isolation; safe for any number
 * of threads.
 */
public final class PosixFileSystem implements FileSystem {
    /** Largest file: 2^53 bytes keeps every offset exact in clients that use doubles. */
    public static final long MAX_FILE_SIZE = 1L << 53;

    public static final int MAX_LINKS = 65_000;
    /**
     * The largest read or write served in one call: what SMB 3.x clients use when offered it
     * (Samba offers 8 MiB, the Linux client then sends 4 MiB). Protocols clamp it further (NFS to
     * its rtmax/wtmax); a write is appended to the write log as it came, so its size costs no
     * more than its bytes.
     */
    public static final int MAX_IO_SIZE = 8 << 20;

    private static final long DAY_NANOS = 86_400L * 1_000_000_000L;
    private static final int DEFAULT_FILE_MODE = 0644;
    private static final int DEFAULT_DIR_MODE = 0755;

    private final String shareName;
    private final MetadataStore meta;
    private final ContentStore content;
    private final Supplier<ShareOptions> options;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final NodeId root;
    private final FsInfo info;
    private final XattrOperations xattrs;
    private final AclOperations acls;

    /**
     * Opens the file system, creating the root directory (mode {@code rootMode}, owned by root)
     * when the store is new.
     */
    public PosixFileSystem(
            String shareName,
            MetadataStore meta,
            ContentStore content,
            Supplier<ShareOptions> options,
            Clock clock,
            int rootMode) {
        this.shareName = shareName;
        this.meta = meta;
        this.content = content;
        this.options = options;
        this.clock = clock;
        this.xattrs = new XattrOperations(meta, this);
        this.acls = new AclOperations(meta, this);
        int ioSize = content.blockSize();
        this.info = new FsInfo(
                Math.max(ioSize, MAX_IO_SIZE),
                Math.max(ioSize, MAX_IO_SIZE),
                ioSize,
                MAX_FILE_SIZE,
                Names.MAX_NAME_BYTES,
                MAX_LINKS,
                1);
        this.root = meta.write(Durability.SYNC, w -> {
            Optional<Inode> existing = w.inode(MetadataStore.ROOT_ID);
            if (existing.isPresent()) {
                return idOf(existing.get());
            }
            long now = now();
            Inode r = Inode.builder(
                            MetadataStore.ROOT_ID, random.nextInt(), io.dittofs.store.metadata.FileType.DIRECTORY)
                    .mode(rootMode)
                    .nlink(2)
                    .allTimes(now)
                    .change(now)
                    .parentId(MetadataStore.ROOT_ID)
                    .build();
            w.putInode(r);
            return idOf(r);
        });
    }

    @Override
    public NodeId root() {
        return root;
    }

    @Override
    public FsInfo info() {
        return info;
    }

    // ---- attributes ---------------------------------------------------------------------------

    @Override
    public Attributes getAttributes(AuthContext ctx, NodeId node) {
        caller(ctx);
        return attributes(meta.read(r -> load(r, node)));
    }

    @Override
    public SetAttributesResult setAttributes(
            AuthContext ctx, NodeId node, SetAttributes changes, @Nullable Long ctimeGuard) {
        Principal p = callerForChange(ctx);
        Long newSize = changes.size();
        Inode current = meta.read(r -> {
            Inode c = load(r, node);
            if (newSize != null) {
                requireTruncatable(p, r, c, newSize);
            }
            return c;
        });
        if (newSize != null) {
            // Data first: a crash after this and before the metadata leaves the old size with a
            // zeroed tail, never a new size over stale bytes.
            content.truncate(contentKey(current), current.size(), newSize);
        }
        Inode[] before = new Inode[1];
        Inode after = meta.write(Durability.SYNC, w -> {
            Inode cur = load(w, node);
            before[0] = cur;
            if (ctimeGuard != null && cur.ctime() != ctimeGuard) {
                throw new FsException(ErrorCode.GUARD_MISMATCH, "ctime guard does not match");
            }
            Inode changed = AttributeRules.apply(p, w, cur, changes, now());
            w.putInode(changed);
            if (changes.mode() != null) {
                AclOperations.afterChmod(w, changed);
            }
            return changed;
        });
        return new SetAttributesResult(attributes(before[0]).wcc(), attributes(after));
    }

    private void requireTruncatable(Principal p, MetadataReader r, Inode node, long newSize) {
        requireRegular(node);
        if (newSize < 0 || newSize > MAX_FILE_SIZE) {
            throw new FsException(ErrorCode.FILE_TOO_LARGE, "size " + newSize);
        }
        Permissions.requireForData(p, r, node, Permissions.W, "truncate");
    }

    // ---- lookup -------------------------------------------------------------------------------

    @Override
    public Attributes lookup(AuthContext ctx, NodeId dir, String name) {
        Principal p = caller(ctx);
        return attributes(meta.read(r -> {
            Inode d = loadDirectory(r, dir);
            Permissions.require(p, r, d, Permissions.X, "lookup");
            if (name.equals(".")) {
                return d;
            }
            if (name.equals("..")) {
                return r.inode(d.parentId()).orElse(d);
            }
            Names.requireValidEntryName(name);
            DirEntry e = r.entry(d.fileId(), name).orElseThrow(() -> notFound(name));
            return child(r, e);
        }));
    }

    @Override
    public Attributes lookupIgnoringCase(AuthContext ctx, NodeId dir, String name) {
        Principal p = caller(ctx);
        return attributes(meta.read(r -> {
            Inode d = loadDirectory(r, dir);
            Permissions.require(p, r, d, Permissions.X, "lookup");
            if (name.equals(".") || name.equals("..")) {
                return name.equals(".") ? d : r.inode(d.parentId()).orElse(d);
            }
            Names.requireValidEntryName(name);
            Optional<DirEntry> exact = r.entry(d.fileId(), name);
            if (exact.isPresent()) {
                return child(r, exact.get());
            }
            List<DirEntry> variants = r.entriesFolded(d.fileId(), NameFolding.fold(name));
            if (variants.isEmpty()) {
                throw notFound(name);
            }
            return child(r, variants.getFirst());
        }));
    }

    @Override
    public int access(AuthContext ctx, NodeId node, int requested) {
        Principal p = caller(ctx);
        boolean readOnly = options.get().readOnlyFor(p);
        return meta.read(r -> Permissions.granted(p, r, load(r, node), readOnly)) & requested;
    }

    @Override
    public String readLink(AuthContext ctx, NodeId node) {
        caller(ctx);
        Inode n = meta.read(r -> load(r, node));
        String target = n.symlinkTarget();
        if (target == null) {
            throw new FsException(ErrorCode.NOT_SYMLINK, "not a symlink");
        }
        return target;
    }

    // ---- data ---------------------------------------------------------------------------------

    @Override
    public ReadResult read(AuthContext ctx, NodeId node, long offset, int count) {
        Principal p = caller(ctx);
        if (offset < 0 || count < 0) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "negative offset or count");
        }
        Inode n = meta.read(r -> {
            Inode c = load(r, node);
            requireRegular(c);
            Permissions.requireForData(p, r, c, Permissions.R, "read");
            return c;
        });
        int clamped = Math.min(count, info.maxReadSize());
        ByteBuffer data = content.read(contentKey(n), n.size(), offset, clamped);
        boolean eof = offset + data.remaining() >= n.size();
        Inode after = touchAccessTime(n);
        return new ReadResult(data, eof, attributes(after));
    }

    /** relatime: atime moves only when it is older than mtime or ctime, or a day old. */
    private Inode touchAccessTime(Inode n) {
        long now = now();
        if (n.atime() > n.mtime() && n.atime() > n.ctime() && now - n.atime() < DAY_NANOS) {
            return n;
        }
        if (options.get().readOnly()) {
            return n;
        }
        NodeId id = idOf(n);
        return meta.write(Durability.DEFERRED, w -> {
            Inode cur = load(w, id);
            Inode updated = cur.toBuilder().atime(Math.max(cur.atime(), now)).build();
            w.putInode(updated);
            return updated;
        });
    }

    @Override
    public WriteResult write(AuthContext ctx, NodeId node, long offset, ByteBuffer data, Stability stability) {
        Principal p = callerForChange(ctx);
        int count = data.remaining();
        if (offset < 0) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "negative offset");
        }
        if (count > info.maxWriteSize()) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "write of " + count + " bytes exceeds the maximum");
        }
        if (offset > MAX_FILE_SIZE - count) {
            throw new FsException(ErrorCode.FILE_TOO_LARGE, "write past the maximum file size");
        }
        Inode n = meta.read(r -> {
            Inode c = load(r, node);
            requireRegular(c);
            Permissions.requireForData(p, r, c, Permissions.W, "write");
            return c;
        });
        ContentKey key = contentKey(n);
        content.write(key, offset, data);
        boolean sync = stability != Stability.UNSTABLE;
        if (sync) {
            content.flush(key);
        }
        Inode[] before = new Inode[1];
        long now = now();
        Inode after = meta.write(sync ? Durability.SYNC : Durability.DEFERRED, w -> {
            Inode cur = load(w, node);
            before[0] = cur;
            Inode updated = cur.toBuilder()
                    .size(Math.max(cur.size(), offset + count))
                    .mode(Permissions.afterUnprivilegedWrite(p, cur))
                    .mtime(now)
                    .ctime(now)
                    .change(nextChange(cur, now))
                    .build();
            w.putInode(updated);
            return updated;
        });
        return new WriteResult(count, stability, attributes(before[0]).wcc(), attributes(after));
    }

    @Override
    public Attributes commit(AuthContext ctx, NodeId node) {
        caller(ctx);
        Inode n = meta.read(r -> load(r, node));
        content.flush(contentKey(n));
        meta.sync();
        return attributes(n);
    }

    // ---- namespace ----------------------------------------------------------------------------

    @Override
    public CreateResult createFile(AuthContext ctx, NodeId dir, String name, SetAttributes initial, CreateMode mode) {
        Principal p = callerForChange(ctx);
        Names.requireValidEntryName(name);
        long now = now();
        long verifier = mode instanceof CreateMode.Exclusive ex ? ex.verifier() : 0;
        if (mode instanceof CreateMode.Unchecked && Long.valueOf(0).equals(initial.size())) {
            truncateExistingFirst(p, dir, name);
        }
        return meta.write(Durability.SYNC, w -> {
            Inode d = loadDirectory(w, dir);
            Permissions.require(p, w, d, Permissions.W | Permissions.X, "create");
            Optional<DirEntry> existing = w.entry(d.fileId(), name);
            if (existing.isPresent()) {
                Inode e = child(w, existing.get());
                return existingFile(p, w, d, e, initial, mode, now);
            }
            Inode created = AttributeRules.newInode(
                            w.allocateFileId(),
                            random.nextInt(),
                            io.dittofs.store.metadata.FileType.REGULAR,
                            p,
                            w,
                            d,
                            initial,
                            DEFAULT_FILE_MODE,
                            now)
                    .createVerifier(verifier)
                    .build();
            return insert(w, d, name, created, initial.mode() != null, now);
        });
    }

    /**
     * An unchecked create with size 0 over an existing file truncates it. The data goes first, as
     * in {@link #setAttributes}, so a crash never leaves size 0 over stale blocks.
     */
    private void truncateExistingFirst(Principal p, NodeId dir, String name) {
        Optional<Inode> existing = meta.read(r -> {
            Optional<Inode> e = r.entry(dir.fileId(), name).flatMap(entry -> r.inode(entry.childId()));
            if (e.isPresent()
                    && e.get().type() == io.dittofs.store.metadata.FileType.REGULAR
                    && e.get().size() > 0) {
                Permissions.requireForData(p, r, e.get(), Permissions.W, "truncate");
                return e;
            }
            return Optional.<Inode>empty();
        });
        existing.ifPresent(e -> content.truncate(contentKey(e), e.size(), 0));
    }

    /** The unchecked and exclusive cases of creating over an existing name (RFC 1813 3.3.8). */
    private CreateResult existingFile(
            Principal p,
            MetadataWriter w,
            Inode dir,
            Inode existing,
            SetAttributes initial,
            CreateMode mode,
            long now) {
        DirectoryChange unchanged = new DirectoryChange(attributes(dir).wcc(), attributes(dir));
        return switch (mode) {
            case CreateMode.Guarded g -> throw new FsException(ErrorCode.EXISTS, "exists");
            case CreateMode.Exclusive ex -> {
                if (existing.createVerifier() != ex.verifier() || ex.verifier() == 0) {
                    throw new FsException(ErrorCode.EXISTS, "exists (different create verifier)");
                }
                yield new CreateResult(attributes(existing), unchanged, true);
            }
            case CreateMode.Unchecked u -> {
                if (existing.type() != io.dittofs.store.metadata.FileType.REGULAR) {
                    throw new FsException(ErrorCode.EXISTS, "exists and is not a regular file");
                }
                Inode e = existing;
                Long size = initial.size();
                if (size != null && size == 0 && e.size() > 0) {
                    Permissions.requireForData(p, w, e, Permissions.W, "truncate");
                    e = e.toBuilder()
                            .size(0)
                            .mtime(now)
                            .ctime(now)
                            .change(nextChange(e, now))
                            .build();
                    w.putInode(e);
                }
                yield new CreateResult(attributes(e), unchanged, true);
            }
        };
    }

    @Override
    public CreateResult createDirectory(AuthContext ctx, NodeId dir, String name, SetAttributes initial) {
        Principal p = callerForChange(ctx);
        Names.requireValidEntryName(name);
        long now = now();
        return meta.write(Durability.SYNC, w -> {
            Inode d = prepareCreate(w, p, dir, name);
            if (d.nlink() >= MAX_LINKS) {
                throw new FsException(ErrorCode.TOO_MANY_LINKS, "parent has too many subdirectories");
            }
            Inode created = AttributeRules.newInode(
                            w.allocateFileId(),
                            random.nextInt(),
                            io.dittofs.store.metadata.FileType.DIRECTORY,
                            p,
                            w,
                            d,
                            initial,
                            DEFAULT_DIR_MODE,
                            now)
                    .nlink(2)
                    .parentId(d.fileId())
                    .build();
            Inode parent = d.toBuilder().nlink(d.nlink() + 1).build();
            return insert(w, parent, d, name, created, initial.mode() != null, now);
        });
    }

    @Override
    public CreateResult createSymlink(AuthContext ctx, NodeId dir, String name, String target, SetAttributes initial) {
        Principal p = callerForChange(ctx);
        Names.requireValidEntryName(name);
        Names.requireValidTarget(target);
        long now = now();
        return meta.write(Durability.SYNC, w -> {
            Inode d = prepareCreate(w, p, dir, name);
            Inode created = AttributeRules.newInode(
                            w.allocateFileId(),
                            random.nextInt(),
                            io.dittofs.store.metadata.FileType.SYMLINK,
                            p,
                            w,
                            d,
                            initial.withMode(null),
                            0777,
                            now)
                    .size(target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .symlinkTarget(target)
                    .build();
            return insert(w, d, name, created, initial.mode() != null, now);
        });
    }

    @Override
    public CreateResult createSpecial(
            AuthContext ctx, NodeId dir, String name, FileType type, long rdev, SetAttributes initial) {
        Principal p = callerForChange(ctx);
        Names.requireValidEntryName(name);
        io.dittofs.store.metadata.FileType stored =
                switch (type) {
                    case BLOCK_DEVICE -> io.dittofs.store.metadata.FileType.BLOCK_DEVICE;
                    case CHAR_DEVICE -> io.dittofs.store.metadata.FileType.CHAR_DEVICE;
                    case SOCKET -> io.dittofs.store.metadata.FileType.SOCKET;
                    case FIFO -> io.dittofs.store.metadata.FileType.FIFO;
                    case REGULAR, DIRECTORY, SYMLINK ->
                        throw new FsException(ErrorCode.INVALID_ARGUMENT, "not a special file type: " + type);
                };
        boolean device = type == FileType.BLOCK_DEVICE || type == FileType.CHAR_DEVICE;
        if (device && !p.isRoot()) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "only the superuser creates device files");
        }
        long now = now();
        return meta.write(Durability.SYNC, w -> {
            Inode d = prepareCreate(w, p, dir, name);
            Inode created = AttributeRules.newInode(
                            w.allocateFileId(), random.nextInt(), stored, p, w, d, initial, DEFAULT_FILE_MODE, now)
                    .rdev(device ? rdev : 0)
                    .build();
            return insert(w, d, name, created, initial.mode() != null, now);
        });
    }

    @Override
    public LinkResult link(AuthContext ctx, NodeId file, NodeId dir, String name) {
        Principal p = callerForChange(ctx);
        Names.requireValidEntryName(name);
        long now = now();
        return meta.write(Durability.SYNC, w -> {
            Inode f = load(w, file);
            if (f.isDirectory()) {
                throw new FsException(ErrorCode.NOT_PERMITTED, "hard links to directories are not allowed");
            }
            if (f.nlink() >= MAX_LINKS) {
                throw new FsException(ErrorCode.TOO_MANY_LINKS, "too many links");
            }
            Inode d = prepareCreate(w, p, dir, name);
            Inode linked = f.toBuilder()
                    .nlink(f.nlink() + 1)
                    .ctime(now)
                    .change(nextChange(f, now))
                    .build();
            w.putInode(linked);
            w.putEntry(d.fileId(), name, f.fileId());
            Inode dAfter = touched(d, now);
            w.putInode(dAfter);
            return new LinkResult(attributes(linked), change(d, dAfter));
        });
    }

    @Override
    public RemoveResult remove(AuthContext ctx, NodeId dir, String name) {
        return removeEntry(ctx, dir, name, false);
    }

    @Override
    public RemoveResult removeDirectory(AuthContext ctx, NodeId dir, String name) {
        return removeEntry(ctx, dir, name, true);
    }

    private RemoveResult removeEntry(AuthContext ctx, NodeId dir, String name, boolean directory) {
        Principal p = callerForChange(ctx);
        if (directory && (name.equals(".") || name.equals(".."))) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "cannot remove '" + name + "'");
        }
        Names.requireValidEntryName(name);
        long now = now();
        List<Inode> freed = new ArrayList<>(1);
        RemoveResult result = meta.write(Durability.SYNC, w -> {
            freed.clear();
            Inode d = loadDirectory(w, dir);
            Permissions.requireBeforeDelete(p, w, d, "remove");
            DirEntry e = w.entry(d.fileId(), name).orElseThrow(() -> notFound(name));
            Inode victim = child(w, e);
            Permissions.requireDeletable(p, w, d, victim, "remove");
            if (directory && !victim.isDirectory()) {
                throw new FsException(ErrorCode.NOT_DIRECTORY, "'" + name + "' is not a directory");
            }
            if (!directory && victim.isDirectory()) {
                throw new FsException(ErrorCode.IS_DIRECTORY, "'" + name + "' is a directory");
            }
            Permissions.requireStickyAllows(p, d, victim);
            if (directory && w.hasEntries(victim.fileId())) {
                throw new FsException(ErrorCode.NOT_EMPTY, "'" + name + "' is not empty");
            }
            w.removeEntry(d.fileId(), name);
            Inode parent = directory ? d.toBuilder().nlink(d.nlink() - 1).build() : d;
            boolean last = unlink(w, victim, now, freed);
            Inode dAfter = touched(parent, now);
            w.putInode(dAfter);
            return new RemoveResult(change(d, dAfter), idOf(victim), last);
        });
        freed.forEach(this::deleteContent);
        return result;
    }

    /** Drops one link of {@code victim}; deletes it when none is left. Returns whether it is gone. */
    boolean unlink(MetadataWriter w, Inode victim, long now, List<Inode> freed) {
        int links = victim.isDirectory() ? 0 : victim.nlink() - 1;
        if (links > 0) {
            w.putInode(victim.toBuilder()
                    .nlink(links)
                    .ctime(now)
                    .change(nextChange(victim, now))
                    .build());
            return false;
        }
        w.deleteInode(victim.fileId());
        if (victim.type() == io.dittofs.store.metadata.FileType.REGULAR) {
            content.releaseIn(w, victim.fileId()); // the content map goes with the inode
        }
        freed.add(victim);
        return true;
    }

    @Override
    public RenameResult rename(AuthContext ctx, NodeId fromDir, String fromName, NodeId toDir, String toName) {
        Principal p = callerForChange(ctx);
        Names.requireValidEntryName(fromName);
        Names.requireValidEntryName(toName);
        long now = now();
        List<Inode> freed = new ArrayList<>(1);
        RenameResult result = meta.write(Durability.SYNC, w -> {
            freed.clear();
            return new Rename(this, w, p, now, freed).run(fromDir, fromName, toDir, toName);
        });
        freed.forEach(this::deleteContent);
        return result;
    }

    // ---- extended attributes: XattrOperations ------------------------------------------------

    @Override
    public byte[] getXattr(AuthContext ctx, NodeId node, String name) {
        return xattrs.get(caller(ctx), node, name);
    }

    @Override
    public List<String> listXattrs(AuthContext ctx, NodeId node) {
        return xattrs.list(caller(ctx), node);
    }

    @Override
    public void setXattr(AuthContext ctx, NodeId node, String name, byte[] value, XattrSetMode mode) {
        xattrs.set(callerForChange(ctx), node, name, value, mode, now());
    }

    @Override
    public void removeXattr(AuthContext ctx, NodeId node, String name) {
        xattrs.remove(callerForChange(ctx), node, name, now());
    }

    // ---- ACLs: AclOperations -----------------------------------------------------------------

    @Override
    public Acl getAcl(AuthContext ctx, NodeId node) {
        return acls.get(caller(ctx), node);
    }

    @Override
    public Attributes setAcl(AuthContext ctx, NodeId node, Acl acl) {
        return acls.set(callerForChange(ctx), node, acl, now());
    }

    // ---- listing and statistics ---------------------------------------------------------------

    @Override
    public DirectoryListing readDirectory(
            AuthContext ctx, NodeId dir, long cookie, long verifier, int maxEntries, boolean withAttributes) {
        Principal p = caller(ctx);
        if (maxEntries <= 0) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "maxEntries must be positive");
        }
        return meta.read(r -> {
            Inode d = loadDirectory(r, dir);
            Permissions.require(p, r, d, Permissions.R, "list");
            long expected = cookieVerifier(d);
            if (cookie != 0 && verifier != 0 && verifier != expected) {
                throw new FsException(ErrorCode.BAD_COOKIE, "cookie verifier does not match");
            }
            DirPage page = r.list(d.fileId(), cookie, maxEntries);
            // One batched read for the page (one query on PostgreSQL), not one per entry.
            Map<Long, Inode> children =
                    r.inodes(page.entries().stream().map(DirEntry::childId).toList());
            List<DirectoryEntry> entries = new ArrayList<>(page.entries().size());
            for (DirEntry e : page.entries()) {
                Inode c = children.get(e.childId());
                if (c == null) {
                    continue; // dangling entry: fsck's business, not the client's
                }
                Attributes a = withAttributes ? attributes(c) : null;
                entries.add(new DirectoryEntry(e.name(), idOf(c), e.cookie(), a));
            }
            return new DirectoryListing(entries, page.eof(), expected, attributes(d));
        });
    }

    /**
     * Cookies never go stale here (they are insertion sequence numbers), so the verifier only has
     * to tie a cookie to its directory: it is derived from the directory's generation.
     */
    private static long cookieVerifier(Inode dir) {
        return ((long) dir.generation() << 32) | 0x0D17_0F5L;
    }

    @Override
    public List<StateEntry> stateEntries(String kind) {
        return meta.read(r -> r.stateRecords(kind).stream()
                .map(s -> new StateEntry(s.key(), s.value()))
                .toList());
    }

    @Override
    public void putStateEntry(String kind, byte[] key, byte[] value) {
        meta.write(Durability.SYNC, w -> {
            w.putStateRecord(kind, key, value);
            return null;
        });
    }

    @Override
    public void removeStateEntry(String kind, byte[] key) {
        meta.write(Durability.SYNC, w -> w.removeStateRecord(kind, key));
    }

    @Override
    public FsStats statFs(AuthContext ctx) {
        caller(ctx);
        Capacity cap = content.capacity();
        long files = meta.read(MetadataReader::inodeCount);
        long freeFiles = Math.max(0, (1L << 32) - files);
        return new FsStats(
                cap.totalBytes(), cap.availableBytes(), cap.availableBytes(), files + freeFiles, freeFiles, freeFiles);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Principal caller(AuthContext ctx) {
        return options.get().admit(shareName, ctx).principal();
    }

    private Principal callerForChange(AuthContext ctx) {
        Principal p = caller(ctx);
        if (options.get().readOnlyFor(p)) {
            throw new FsException(ErrorCode.READ_ONLY, "share is read-only");
        }
        return p;
    }

    private Inode prepareCreate(MetadataWriter w, Principal p, NodeId dir, String name) {
        Inode d = loadDirectory(w, dir);
        Permissions.require(p, w, d, Permissions.W | Permissions.X, "create");
        if (w.entry(d.fileId(), name).isPresent()) {
            throw new FsException(ErrorCode.EXISTS, "'" + name + "' exists");
        }
        return d;
    }

    private CreateResult insert(MetadataWriter w, Inode dir, String name, Inode created, boolean modeGiven, long now) {
        return insert(w, dir, dir, name, created, modeGiven, now);
    }

    /**
     * Adds {@code created} under {@code name}, with the ACL it inherits from the directory;
     * {@code parent} is {@code before} with any link change.
     */
    private CreateResult insert(
            MetadataWriter w, Inode parent, Inode before, String name, Inode fresh, boolean modeGiven, long now) {
        AclOperations.Created inherited = AclOperations.inherit(w, before, fresh, modeGiven);
        Inode created = inherited.inode();
        w.putInode(created);
        inherited.storeAcl(w);
        w.putEntry(before.fileId(), name, created.fileId());
        Inode after = touched(parent, now);
        w.putInode(after);
        return new CreateResult(attributes(created), change(before, after), false);
    }

    /** {@code dir} with its content changed now: mtime, ctime and change move. */
    static Inode touched(Inode dir, long now) {
        return dir.toBuilder()
                .mtime(now)
                .ctime(now)
                .change(nextChange(dir, now))
                .build();
    }

    DirectoryChange change(Inode before, Inode after) {
        return new DirectoryChange(attributes(before).wcc(), attributes(after));
    }

    /** The change counter never goes backwards, also across a recreated store: it tracks the clock. */
    static long nextChange(Inode cur, long now) {
        return Math.max(cur.change() + 1, now);
    }

    Inode load(MetadataReader r, NodeId id) {
        Inode n = r.inode(id.fileId()).orElseThrow(() -> stale(id));
        if (n.generation() != id.generation()) {
            throw stale(id);
        }
        return n;
    }

    Inode loadDirectory(MetadataReader r, NodeId id) {
        Inode d = load(r, id);
        if (!d.isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY, "not a directory");
        }
        return d;
    }

    static Inode child(MetadataReader r, DirEntry e) {
        return r.inode(e.childId())
                .orElseThrow(() -> new FsException(ErrorCode.IO_ERROR, "entry '" + e.name() + "' points nowhere"));
    }

    private static void requireRegular(Inode n) {
        switch (n.type()) {
            case REGULAR -> {}
            case DIRECTORY -> throw new FsException(ErrorCode.IS_DIRECTORY, "is a directory");
            default -> throw new FsException(ErrorCode.INVALID_ARGUMENT, "not a regular file");
        }
    }

    private void deleteContent(Inode n) {
        if (n.type() == io.dittofs.store.metadata.FileType.REGULAR) {
            content.delete(contentKey(n), n.size());
        }
    }

    private static ContentKey contentKey(Inode n) {
        return new ContentKey(n.fileId(), n.generation());
    }

    private static FsException stale(NodeId id) {
        return new FsException(ErrorCode.STALE, "no file " + id.fileId() + "/" + id.generation());
    }

    static FsException notFound(String name) {
        return new FsException(ErrorCode.NOT_FOUND, "no entry '" + name + "'");
    }

    static NodeId idOf(Inode n) {
        return new NodeId(n.fileId(), n.generation());
    }

    private long now() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    Attributes attributes(Inode n) {
        return new Attributes(
                idOf(n),
                FileType.valueOf(n.type().name()),
                n.mode(),
                n.uid(),
                n.gid(),
                n.nlink(),
                n.size(),
                n.type() == io.dittofs.store.metadata.FileType.REGULAR ? content.usedBytes(n.size()) : 0,
                n.rdev(),
                n.atime(),
                n.mtime(),
                n.ctime(),
                n.birthtime(),
                n.change(),
                n.dosAttributes());
    }

    /** The share's content layer (block pipeline), for the daemon's maintenance commands and tests. */
    public ContentStore content() {
        return content;
    }

    @Override
    public void close() {
        content.close();
        meta.sync();
    }
}
