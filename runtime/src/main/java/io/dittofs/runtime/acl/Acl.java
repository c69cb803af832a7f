package io.dittofs.runtime.acl;

import io.dittofs.runtime.auth.Principal;
import java.util.List;

/**
 * An ordered list of ACEs (RFC 8881 section 6.2.1), evaluated as section 6.2.1 describes: the
 * ACEs that apply to the requester are read in order, and each requested bit is decided by the
 * first ACE that names it; bits no ACE names are refused.
 */
public record Acl(List<Ace> aces) {
    /** More ACEs than any real ACL needs; keeps stored values and decoding bounded. */
    public static final int MAX_ACES = 1024;

    public Acl {
        aces = List.copyOf(aces);
        if (aces.size() > MAX_ACES) {
            throw new IllegalArgumentException("more than " + MAX_ACES + " ACEs");
        }
    }

    public static Acl of(Ace... aces) {
        return new Acl(List.of(aces));
    }

    /**
     * Whether {@code p} is granted every bit of {@code mask} on a file owned by {@code ownerUid}
     * and {@code ownerGid}. The superuser is not special here; callers decide that.
     */
    public boolean allows(Principal p, int ownerUid, int ownerGid, int mask) {
        int allowed = 0;
        int denied = 0;
        for (Ace ace : aces) {
            if (!ace.effective() || !appliesTo(ace.who(), p, ownerUid, ownerGid)) {
                continue;
            }
            int undecided = ace.mask() & mask & ~(allowed | denied);
            if (ace.type() == AceType.ALLOW) {
                allowed |= undecided;
            } else {
                denied |= undecided;
            }
            if ((allowed & mask) == mask) {
                return true;
            }
            if ((denied & mask) != 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * How this ACL decides one right for {@code p}: allowed or denied by the first applicable ACE
     * that names it, or empty when none does. Lets a caller tell an explicit deny from silence
     * (RFC 8881 section 6.2.1.3.2, ACE4_DELETE against ACE4_DELETE_CHILD).
     */
    public java.util.Optional<Boolean> decides(Principal p, int ownerUid, int ownerGid, int right) {
        for (Ace ace : aces) {
            if (ace.effective() && (ace.mask() & right) != 0 && appliesTo(ace.who(), p, ownerUid, ownerGid)) {
                return java.util.Optional.of(ace.type() == AceType.ALLOW);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether an ACE for {@code who} applies to {@code p}. */
    static boolean appliesTo(Who who, Principal p, int ownerUid, int ownerGid) {
        return switch (who) {
            case Who.Special s ->
                switch (s.kind()) {
                    case OWNER -> p.uid() == ownerUid;
                    case GROUP -> p.inGroup(ownerGid);
                    case EVERYONE -> true;
                };
            case Who.User u -> p.uid() == u.uid();
            case Who.Group g -> p.inGroup(g.gid());
        };
    }
}
