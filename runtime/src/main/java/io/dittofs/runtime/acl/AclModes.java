package io.dittofs.runtime.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * How an ACL and the mode bits stay consistent (RFC 8881 section 6.4).
 *
 * <ul>
 *   <li>{@link #fromMode}: the ACL a file without one is shown to have (section 6.4.1.1's
 *       "ACL equivalent to the mode"): OWNER@, GROUP@ and EVERYONE@ allow ACEs with deny ACEs
 *       only where a class has fewer rights than a later one would give it.
 *   <li>{@link #modeOf}: the rwx bits an ACL implies (section 6.3.2): for the owner class the
 *       OWNER@ and EVERYONE@ ACEs, for the group class GROUP@ and EVERYONE@, for others
 *       EVERYONE@, each bit decided by the first such ACE naming it.
 *   <li>{@link #withMode}: chmod of a file that has an ACL (section 6.4.1.1). The simple approach
 *       ZFS calls "passthrough" plus a mask: the effective OWNER@/GROUP@/EVERYONE@ ACEs are
 *       replaced by the new mode's (an inheritable one is kept as INHERIT_ONLY, so children still
 *       inherit it), the others are kept, and their allow ACEs lose the rwx rights the new
 *       group bits do not give, so no one gets more than the mode says.
 * </ul>
 */
public final class AclModes {
    private AclModes() {}

    /** Rights every class has in a mode-equivalent ACL (reading attributes and the ACL). */
    static final int ALWAYS = AceMask.READ_ATTRIBUTES | AceMask.READ_ACL | AceMask.SYNCHRONIZE;
    /** Rights the owner has whatever the mode (chmod, chown to a group, utimes). */
    static final int OWNER_ALWAYS = AceMask.WRITE_ATTRIBUTES | AceMask.WRITE_ACL | AceMask.WRITE_OWNER;

    /**
     * The ACE rights of one rwx triple (4 = r, 2 = w, 1 = x): Linux knfsd's mapping, plus the
     * named-attribute rights (SMB's extended attributes) with r and w, so an SMB client sees a
     * mode's r and w as Windows' read and write.
     */
    public static int rightsOf(int rwx, boolean directory) {
        int m = 0;
        if ((rwx & 4) != 0) {
            m |= AceMask.READ_DATA | AceMask.READ_NAMED_ATTRS;
        }
        if ((rwx & 2) != 0) {
            m |= AceMask.WRITE_DATA | AceMask.APPEND_DATA | AceMask.WRITE_NAMED_ATTRS;
            if (directory) {
                m |= AceMask.DELETE_CHILD;
            }
        }
        if ((rwx & 1) != 0) {
            m |= AceMask.EXECUTE;
        }
        return m;
    }

    /** The rwx triple of ACE rights: r from READ_DATA, w from WRITE_DATA, x from EXECUTE. */
    static int rwxOf(int mask) {
        return ((mask & AceMask.READ_DATA) != 0 ? 4 : 0)
                | ((mask & AceMask.WRITE_DATA) != 0 ? 2 : 0)
                | ((mask & AceMask.EXECUTE) != 0 ? 1 : 0);
    }

    /** The ACL equivalent to {@code mode}'s permission bits. */
    public static Acl fromMode(int mode, boolean directory) {
        List<Ace> aces = new ArrayList<>(5);
        aces.addAll(ownerAces(mode, directory));
        aces.addAll(groupAndOtherAces(mode, directory));
        return new Acl(aces);
    }

    private static List<Ace> ownerAces(int mode, boolean directory) {
        int owner = rightsOf((mode >> 6) & 7, directory);
        int group = rightsOf((mode >> 3) & 7, directory);
        int other = rightsOf(mode & 7, directory);
        List<Ace> aces = new ArrayList<>(2);
        aces.add(Ace.allow(Who.OWNER, owner | ALWAYS | OWNER_ALWAYS));
        int ownerDeny = (group | other) & ~owner;
        if (ownerDeny != 0) {
            aces.add(Ace.deny(Who.OWNER, ownerDeny));
        }
        return aces;
    }

    private static List<Ace> groupAndOtherAces(int mode, boolean directory) {
        int group = rightsOf((mode >> 3) & 7, directory);
        int other = rightsOf(mode & 7, directory);
        List<Ace> aces = new ArrayList<>(3);
        aces.add(Ace.allow(Who.GROUP, group | ALWAYS));
        int groupDeny = other & ~group;
        if (groupDeny != 0) {
            aces.add(Ace.deny(Who.GROUP, groupDeny));
        }
        aces.add(Ace.allow(Who.EVERYONE, other | ALWAYS));
        return aces;
    }

    /** The permission bits (0777) {@code acl} implies. */
    public static int modeOf(Acl acl) {
        return (classBits(acl, Who.Special.Kind.OWNER) << 6)
                | (classBits(acl, Who.Special.Kind.GROUP) << 3)
                | classBits(acl, Who.Special.Kind.EVERYONE);
    }

    private static int classBits(Acl acl, Who.Special.Kind cls) {
        int allowed = 0;
        int denied = 0;
        for (Ace ace : acl.aces()) {
            if (!ace.effective() || !(ace.who() instanceof Who.Special s)) {
                continue;
            }
            if (s.kind() != cls && s.kind() != Who.Special.Kind.EVERYONE) {
                continue;
            }
            int bits = rwxOf(ace.mask()) & ~(allowed | denied);
            if (ace.type() == AceType.ALLOW) {
                allowed |= bits;
            } else {
                denied |= bits;
            }
        }
        return allowed;
    }

    /** {@code mode} with its permission bits replaced by those {@code acl} implies. */
    public static int applyTo(int mode, Acl acl) {
        return (mode & ~0777) | modeOf(acl);
    }

    /** {@code acl} after a chmod to {@code mode} (see the class comment). */
    public static Acl withMode(Acl acl, int mode, boolean directory) {
        int groupRights = rightsOf((mode >> 3) & 7, directory);
        int rwxRights = rightsOf(7, directory);
        List<Ace> kept = new ArrayList<>(acl.aces().size());
        for (Ace ace : acl.aces()) {
            if (ace.special() && ace.effective()) {
                if (ace.inheritable()) {
                    kept.add(ace.withFlags(ace.flags() | AceFlags.INHERIT_ONLY));
                }
                continue;
            }
            if (ace.type() == AceType.ALLOW && ace.effective()) {
                ace = ace.withMask(ace.mask() & ~(rwxRights & ~groupRights));
            }
            kept.add(ace);
        }
        List<Ace> aces = new ArrayList<>(kept.size() + 5);
        aces.addAll(ownerAces(mode, directory));
        aces.addAll(kept);
        aces.addAll(groupAndOtherAces(mode, directory));
        return new Acl(aces);
    }
}
