package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrEncodable;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * A result that is wcc_data in both arms (RFC 1813 sections 3.3.2, 3.3.12, 3.3.13): SETATTR3res,
 * REMOVE3res, RMDIR3res.
 */
public record WccRes3(Nfsstat3 status, WccData3 wcc) implements XdrEncodable {
    public static WccRes3 decode(XdrReader in) {
        return new WccRes3(Nfsstat3.of(in.readInt()), WccData3.decode(in));
    }

    @Override
    public void encode(XdrWriter out) {
        out.writeInt(status.code());
        wcc.encode(out);
    }
}
