package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/** diropargs3 (RFC 1813 section 2.6): a directory and a name in it (filename3, at most 255 bytes). */
public record DirOpArgs3(FileHandle3 dir, String name) implements XdrEncodable {
    /** Longest filename3 accepted on the wire (NAME_MAX). */
    public static final int MAX_NAME = 255;

    /**
     * Longest name decoded: longer than NAME_MAX, so a name that is too long reaches the runtime
     * and is answered NFS3ERR_NAMETOOLONG rather than GARBAGE_ARGS.
     */
    public static final int MAX_WIRE_NAME = 1024;

    /** Longest nfspath3 accepted on the wire (PATH_MAX). */
    public static final int MAX_PATH = 4096;

    public static DirOpArgs3 decode(XdrReader in) {
        FileHandle3 dir = FileHandle3.decode(in);
        return new DirOpArgs3(dir, in.readString(MAX_WIRE_NAME));
    }

    @Override
    public void encode(XdrWriter out) {
        dir.encode(out);
        out.writeString(name);
    }
}
