package io.dittofs.runtime.acl;

import java.util.Objects;

/**
 * One access control entry (RFC 8881 section 6.2.1, nfsace4).
 *
 * @param type allow or deny
 * @param flags {@link AceFlags} bits; only {@link AceFlags#KEPT} are kept (IDENTIFIER_GROUP is
 *     what {@link Who#isGroup} says, the audit bits mean nothing on allow/deny ACEs)
 * @param mask {@link AceMask} bits; undefined bits are dropped
 * @param who whom it applies to
 */
public record Ace(AceType type, int flags, int mask, Who who) {
    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(who, "who");
        flags &= AceFlags.KEPT;
        mask &= AceMask.ALL;
    }

    public static Ace allow(Who who, int mask) {
        return new Ace(AceType.ALLOW, 0, mask, who);
    }

    public static Ace deny(Who who, int mask) {
        return new Ace(AceType.DENY, 0, mask, who);
    }

    /** Whether this ACE takes part in access checks on the object holding it. */
    public boolean effective() {
        return (flags & AceFlags.INHERIT_ONLY) == 0;
    }

    /** Whether this ACE passes to children. */
    public boolean inheritable() {
        return (flags & AceFlags.INHERIT) != 0;
    }

    /** Whether {@code who} is OWNER@, GROUP@ or EVERYONE@. */
    public boolean special() {
        return who instanceof Who.Special;
    }

    public Ace withFlags(int newFlags) {
        return new Ace(type, newFlags, mask, who);
    }

    public Ace withMask(int newMask) {
        return new Ace(type, flags, newMask, who);
    }
}
