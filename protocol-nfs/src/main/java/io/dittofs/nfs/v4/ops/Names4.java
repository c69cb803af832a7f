package io.dittofs.nfs.v4.ops;

import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.FileType;

/** component4 names (RFC 7530 section 12.7) and the checks every directory operation makes. */
final class Names4 {
    private Names4() {}

    /**
     * A name component: NFS4ERR_INVAL when empty, NFS4ERR_BADNAME for "." and "..", and
     * anything else the runtime refuses ('/' and NUL) is NFS4ERR_BADNAME through INVALID_NAME.
     */
    static String component(XdrReader in) {
        String name = in.readString(Nfs4.MAX_NAME);
        if (name.isEmpty()) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_INVAL, "empty name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADNAME, "name '" + name + "'");
        }
        return name;
    }

    /** Section 16.13.5: LOOKUP in a symlink is NFS4ERR_SYMLINK, in another non-directory NOTDIR. */
    static void requireDirectory(Attributes a) {
        if (a.type() == FileType.SYMLINK) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_SYMLINK, "a symlink");
        }
        if (a.type() != FileType.DIRECTORY) {
            throw new Nfs4Exception(Nfsstat4.NFS4ERR_NOTDIR, "not a directory");
        }
    }
}
