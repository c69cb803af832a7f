package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * Arguments that are one file handle: GETATTR3args, READLINK3args, FSSTAT3args, FSINFO3args,
 * PATHCONF3args (RFC 1813 sections 3.3.1, 3.3.5, 3.3.18 to 3.3.20).
 */
public record HandleArgs3(FileHandle3 object) implements XdrEncodable {
    public static HandleArgs3 decode(XdrReader in) {
        return new HandleArgs3(FileHandle3.decode(in));
    }

    @Override
    public void encode(XdrWriter out) {
        object.encode(out);
    }
}
