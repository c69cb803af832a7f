package io.dittofs.runtime.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ACL a new file or directory inherits from its parent's (RFC 8881 section 6.4.3).
 *
 * <ul>
 *   <li>A new file gets the parent's FILE_INHERIT ACEs, with no inheritance flags left.
 *   <li>A new directory gets the DIRECTORY_INHERIT ones, still inheritable unless
 *       NO_PROPAGATE_INHERIT says otherwise, and the FILE_INHERIT-only ones as INHERIT_ONLY (they
 *       pass on to its files without applying to it).
 *   <li>Every inherited ACE carries INHERITED (section 6.2.1.4.1's ACE4_INHERITED_ACE).
 * </ul>
 */
public final class AclInheritance {
    private AclInheritance() {}

    /** The inherited ACL, or empty when the parent passes nothing on. */
    public static Optional<Acl> inherited(Acl parent, boolean directory) {
        List<Ace> aces = new ArrayList<>();
        for (Ace ace : parent.aces()) {
            int f = ace.flags();
            boolean toFiles = (f & AceFlags.FILE_INHERIT) != 0;
            boolean toDirs = (f & AceFlags.DIRECTORY_INHERIT) != 0;
            boolean noPropagate = (f & AceFlags.NO_PROPAGATE_INHERIT) != 0;
            if (!directory && toFiles) {
                aces.add(ace.withFlags(AceFlags.INHERITED));
            } else if (directory && toDirs) {
                int kept = noPropagate ? 0 : f & AceFlags.INHERIT;
                aces.add(ace.withFlags(kept | AceFlags.INHERITED));
            } else if (directory && toFiles && !noPropagate) {
                aces.add(ace.withFlags(AceFlags.FILE_INHERIT | AceFlags.INHERIT_ONLY | AceFlags.INHERITED));
            }
        }
        return aces.isEmpty() ? Optional.empty() : Optional.of(new Acl(aces));
    }
}
