package io.dittofs.runtime.fsck;

import io.dittofs.runtime.fsck.Finding.Kind;
import io.dittofs.store.block.BlockStore;
import io.dittofs.store.block.KeyPage;
import io.dittofs.store.metadata.FileType;
import io.dittofs.store.metadata.Inode;
import io.dittofs.store.metadata.MetadataStore;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The content part of one {@link Fsck} pass: lists the share's block keys in order and checks
 * each against the inode its key names. Keys sort by their {@code <fileId>.<generation>/}
 * segment, so one file's blocks are contiguous: the inode is read once per file, and the blocks
 * of one file with one problem are reported as one finding.
 *
 * <p>Threading: confined to the thread running the pass.
 */
final class ContentScan {
    private final MetadataStore meta;
    private final BlockStore blocks;
    private final String prefix;
    private final int blockSize;
    private final Fsck.Pass pass;

    /** The file whose blocks are being read, and its inode (null when it has none). */
    private @Nullable String currentFile;

    private @Nullable Inode currentInode;
    /** The finding being gathered for the current file, if any. */
    private @Nullable Kind pendingKind;

    private long pendingFileId;
    private long pendingBlocks;
    private long pendingDeleted;
    private String pendingDetail = "";

    ContentScan(MetadataStore meta, BlockStore blocks, String prefix, int blockSize, Fsck.Pass pass) {
        this.meta = meta;
        this.blocks = blocks;
        this.prefix = prefix + "/";
        this.blockSize = blockSize;
        this.pass = pass;
    }

    void run() {
        String startAfter = null;
        while (true) {
            KeyPage page = blocks.list(prefix, startAfter, Fsck.PAGE);
            for (String key : page.keys()) {
                pass.blocks++;
                check(key);
                startAfter = key;
            }
            if (!page.truncated() || page.keys().isEmpty()) {
                break;
            }
        }
        flushPending();
    }

    private void check(String key) {
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        int dot = slash < 0 ? -1 : rest.lastIndexOf('.', slash);
        long fileId;
        int generation;
        long index;
        try {
            if (dot < 0) {
                throw new NumberFormatException("no <fileId>.<generation>/ segment");
            }
            fileId = Long.parseUnsignedLong(rest.substring(0, dot), 16);
            generation = Integer.parseUnsignedInt(rest.substring(dot + 1, slash), 16);
            index = Long.parseUnsignedLong(rest.substring(slash + 1), 16);
        } catch (NumberFormatException e) {
            flushPending();
            pass.report(Kind.STRAY_BLOCK, 0, 0, "key " + key + " is not a content block key; left alone", false);
            return;
        }
        String file = rest.substring(0, slash);
        if (!file.equals(currentFile)) {
            flushPending();
            currentFile = file;
            Optional<Inode> inode = meta.read(r -> r.inode(fileId));
            currentInode = inode.filter(i -> i.type() == FileType.REGULAR && i.generation() == generation)
                    .orElse(null);
        }
        Inode inode = currentInode;
        if (inode == null) {
            problem(Kind.LEAKED_CONTENT, fileId, key, "blocks of " + file + ", which is not a live regular file");
        } else if (index >= (inode.size() + blockSize - 1) / blockSize) {
            problem(Kind.BLOCK_PAST_SIZE, fileId, key, "blocks of file " + fileId + " past its size " + inode.size());
        }
    }

    private void problem(Kind kind, long fileId, String key, String detail) {
        if (pendingKind != kind) {
            flushPending();
            pendingKind = kind;
            pendingFileId = fileId;
            pendingDetail = detail;
        }
        pendingBlocks++;
        if (pass.repair) {
            blocks.delete(key);
            pendingDeleted++;
        }
    }

    private void flushPending() {
        Kind kind = pendingKind;
        if (kind != null) {
            boolean fixed = pass.repair && pendingDeleted == pendingBlocks;
            pass.report(
                    kind, pendingFileId, 0, pendingBlocks + " " + pendingDetail + (fixed ? "; deleted" : ""), fixed);
        }
        pendingKind = null;
        pendingBlocks = 0;
        pendingDeleted = 0;
    }
}
