package io.dittofs.nfs.xdr;

/** A wire structure that can write itself. */
public interface XdrEncodable {
    void encode(XdrWriter out);
}
