package io.dittofs.nfs.v4;

import io.dittofs.nfs.v3.xdr.FileHandle3;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.fs.NodeId;

/**
 * nfs_fh4 (RFC 7530 section 4): either the pseudo-root, above every share, or a file of a share.
 * Files of shares use the NFSv3 handle layout ({@link FileHandle3}), so handles are the same over
 * both versions and persistent across restarts (fh_expire_type FH4_PERSISTENT). The pseudo-root
 * is the single byte {@value #PSEUDO_ROOT_FORMAT}.
 */
public sealed interface Nfs4Handle {
    byte PSEUDO_ROOT_FORMAT = 2;

    /** The directory listing every exported share (RFC 7530 section 7). */
    record PseudoRoot() implements Nfs4Handle {
        @Override
        public byte[] bytes() {
            return new byte[] {PSEUDO_ROOT_FORMAT};
        }
    }

    /** A file of a share. */
    record ShareFile(int shareId, NodeId node) implements Nfs4Handle {
        @Override
        public byte[] bytes() {
            return FileHandle3.of(shareId, node).bytes();
        }
    }

    Nfs4Handle ROOT = new PseudoRoot();

    byte[] bytes();

    /** Parses a handle a client sent: NFS4ERR_BADHANDLE when it is none of ours. */
    static Nfs4Handle parse(byte[] bytes) {
        if (bytes.length == 1 && bytes[0] == PSEUDO_ROOT_FORMAT) {
            return ROOT;
        }
        FileHandle3 h = new FileHandle3(bytes);
        return new ShareFile(h.shareId(), h.node()); // FsException BAD_HANDLE when malformed
    }

    static Nfs4Handle decode(XdrReader in) {
        return parse(in.readOpaque(Nfs4.FHSIZE));
    }

    default void encode(XdrWriter out) {
        out.writeOpaque(bytes());
    }
}
