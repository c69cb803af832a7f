package io.dittofs.nfs.client.v41;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One nfsace4 (RFC 8881 section 6.2.1) as the client sends and receives it: the type (0 allow, 1
 * deny), flags, access mask and who string ({@code OWNER@}, {@code GROUP@}, {@code EVERYONE@} or
 * an owner string).
 */
public record Nfs41Ace(int type, int flags, int mask, String who) {
    private static final int MAX_ACES = 1024;

    static void encode(XdrWriter out, List<Nfs41Ace> acl) {
        out.writeInt(acl.size());
        for (Nfs41Ace a : acl) {
            out.writeInt(a.type).writeInt(a.flags).writeInt(a.mask).writeString(a.who);
        }
    }

    static List<Nfs41Ace> decode(XdrReader in) {
        int n = in.readArrayLength(MAX_ACES);
        List<Nfs41Ace> acl = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            acl.add(new Nfs41Ace(in.readInt(), in.readInt(), in.readInt(), in.readString(Nfs41.NFS4_OPAQUE_LIMIT)));
        }
        return acl;
    }
}
