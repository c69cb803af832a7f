package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.runtime.fs.FileType;

/** The runtime's file types as nfs_ftype4 (RFC 7530 section 3.2). */
public final class Types {
    private Types() {}

    public static int nfsType(FileType t) {
        return switch (t) {
            case REGULAR -> Nfs4.NF4REG;
            case DIRECTORY -> Nfs4.NF4DIR;
            case BLOCK_DEVICE -> Nfs4.NF4BLK;
            case CHAR_DEVICE -> Nfs4.NF4CHR;
            case SYMLINK -> Nfs4.NF4LNK;
            case SOCKET -> Nfs4.NF4SOCK;
            case FIFO -> Nfs4.NF4FIFO;
        };
    }
}
