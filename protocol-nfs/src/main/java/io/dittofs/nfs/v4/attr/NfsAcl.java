package io.dittofs.nfs.v4.attr;

import io.dittofs.nfs.v4.Nfs4;
import io.dittofs.nfs.v4.Nfs4Exception;
import io.dittofs.nfs.v4.Nfsstat4;
import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceFlags;
import io.dittofs.runtime.acl.AceType;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.Who;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code acl} attribute's value, {@code nfsace4<>} (RFC 8881 section 6.2.1), to and from the
 * runtime's {@link Acl}:
 *
 * <pre>
 *   struct nfsace4 {
 *       acetype4   type;        // 0 ALLOW, 1 DENY (2 AUDIT, 3 ALARM: refused)
 *       aceflag4   flag;
 *       acemask4   access_mask;
 *       utf8str_mixed who;      // "OWNER@", "GROUP@", "EVERYONE@", or an owner string
 *   };
 * </pre>
 *
 * Named whos go through the same {@link Owners} mapping as owner and owner_group, a group one
 * when the ACE has ACE4_IDENTIFIER_GROUP.
 */
public final class NfsAcl {
    /** aclsupport (section 6.2.1.1's ACL4_SUPPORT_ALLOW_ACL | ACL4_SUPPORT_DENY_ACL). */
    public static final int ACL_SUPPORT = 0x1 | 0x2;

    static final String OWNER = "OWNER@";
    static final String GROUP = "GROUP@";
    static final String EVERYONE = "EVERYONE@";

    private NfsAcl() {}

    public static void encode(XdrWriter w, Acl acl, Owners owners) {
        w.writeInt(acl.aces().size());
        for (Ace ace : acl.aces()) {
            w.writeInt(ace.type().nfsValue());
            w.writeInt(ace.flags() | (ace.who().isGroup() ? AceFlags.IDENTIFIER_GROUP : 0));
            w.writeInt(ace.mask());
            w.writeString(
                    switch (ace.who()) {
                        case Who.Special s ->
                            switch (s.kind()) {
                                case OWNER -> OWNER;
                                case GROUP -> GROUP;
                                case EVERYONE -> EVERYONE;
                            };
                        case Who.User u -> owners.user(u.uid());
                        case Who.Group g -> owners.group(g.gid());
                    });
        }
    }

    /**
     * Reads an nfsace4 array of at most {@link Acl#MAX_ACES} entries: NFS4ERR_BADXDR for a longer
     * one or bytes that do not parse, NFS4ERR_ATTRNOTSUPP for audit and alarm ACEs (section
     * 6.2.1.1 lets a server refuse types it does not support), NFS4ERR_BADOWNER for a who no
     * one is (including the special whos other than OWNER@, GROUP@ and EVERYONE@).
     */
    public static Acl decode(XdrReader in, Owners owners) {
        int count = in.readArrayLength(Acl.MAX_ACES);
        List<Ace> aces = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            int type = in.readInt();
            int flags = in.readInt();
            int mask = in.readInt();
            String who = in.readString(Nfs4.MAX_NAME);
            AceType t =
                    switch (type) {
                        case 0 -> AceType.ALLOW;
                        case 1 -> AceType.DENY;
                        default -> throw new Nfs4Exception(Nfsstat4.NFS4ERR_ATTRNOTSUPP, "ACE type " + type);
                    };
            aces.add(new Ace(t, flags, mask, who(who, (flags & AceFlags.IDENTIFIER_GROUP) != 0, owners)));
        }
        return new Acl(aces);
    }

    private static Who who(String who, boolean group, Owners owners) {
        return switch (who) {
            case OWNER -> Who.OWNER;
            case GROUP -> Who.GROUP;
            case EVERYONE -> Who.EVERYONE;
            default -> {
                if (who.endsWith("@")) {
                    throw new Nfs4Exception(Nfsstat4.NFS4ERR_BADOWNER, "unsupported special who " + who);
                }
                yield group ? new Who.Group(owners.gidOf(who)) : new Who.User(owners.uidOf(who));
            }
        };
    }
}
