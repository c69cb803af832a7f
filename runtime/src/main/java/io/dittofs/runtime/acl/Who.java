package io.dittofs.runtime.acl;

/**
 * Whom an ACE applies to: one of the special identifiers of RFC 8881 section 6.2.1.5 (OWNER@,
 * GROUP@, EVERYONE@, which follow the file's owner and group as they change) or a numeric user
 * or group. Adapters map names (NFSv4 {@code user@domain}) and SIDs to these.
 */
public sealed interface Who {
    Special OWNER = new Special(Special.Kind.OWNER);
    Special GROUP = new Special(Special.Kind.GROUP);
    Special EVERYONE = new Special(Special.Kind.EVERYONE);

    /** Whether this who names a group (the ACE's IDENTIFIER_GROUP flag on the wire). */
    boolean isGroup();

    /** OWNER@, GROUP@ or EVERYONE@. */
    record Special(Kind kind) implements Who {
        public enum Kind {
            OWNER,
            GROUP,
            EVERYONE
        }

        @Override
        public boolean isGroup() {
            return kind == Kind.GROUP;
        }
    }

    /** A user by uid. */
    record User(int uid) implements Who {
        @Override
        public boolean isGroup() {
            return false;
        }
    }

    /** A group by gid. */
    record Group(int gid) implements Who {
        @Override
        public boolean isGroup() {
            return true;
        }
    }
}
