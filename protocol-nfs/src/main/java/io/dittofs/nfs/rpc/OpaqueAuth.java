package io.dittofs.nfs.rpc;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;

/**
 * A credential or verifier (RFC 5531 section 8.2).
 *
 * <pre>
 * struct opaque_auth {
 *     auth_flavor flavor;
 *     opaque body&lt;400&gt;;
 * };
 * </pre>
 */
public record OpaqueAuth(int flavor, byte[] body) {
    public static final OpaqueAuth NONE = new OpaqueAuth(Rpc.AUTH_NONE, new byte[0]);

    public OpaqueAuth {
        body = body.clone();
    }

    public static OpaqueAuth decode(XdrReader in) {
        return new OpaqueAuth(in.readInt(), in.readOpaque(Rpc.MAX_AUTH_BYTES));
    }

    public void encode(XdrWriter out) {
        out.writeInt(flavor).writeOpaque(body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAuth a && a.flavor == flavor && java.util.Arrays.equals(a.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * flavor + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OpaqueAuth[flavor=" + flavor + ", " + body.length + " bytes]";
    }
}
