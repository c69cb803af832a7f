package io.dittofs.runtime.acl;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of an ACL: the value of the reserved extended attribute {@link #XATTR_NAME}.
 *
 * <pre>
 *   version (1 byte, = 1) | count (2 bytes)
 *   per ACE: type (1) | flags (1) | mask (4) | who kind (1) | id (4, uid or gid, else 0)
 * </pre>
 *
 * A stored ACL is written only by the runtime, so a value it cannot read is corruption (an
 * IllegalArgumentException), not a client error.
 */
public final class AclCodec {
    /**
     * In the {@code system.} namespace, which the xattr operations refuse to clients and hide
     * from listings, so the ACL is reachable only through the ACL operations.
     */
    public static final String XATTR_NAME = "system.dittofs.acl";

    private static final byte VERSION = 1;
    private static final int ACE_BYTES = 11;
    private static final byte OWNER = 0;
    private static final byte GROUP = 1;
    private static final byte EVERYONE = 2;
    private static final byte USER_ID = 3;
    private static final byte GROUP_ID = 4;

    private AclCodec() {}

    public static byte[] encode(Acl acl) {
        ByteBuffer b = ByteBuffer.allocate(3 + ACE_BYTES * acl.aces().size());
        b.put(VERSION).putShort((short) acl.aces().size());
        for (Ace ace : acl.aces()) {
            b.put((byte) ace.type().nfsValue()).put((byte) ace.flags()).putInt(ace.mask());
            switch (ace.who()) {
                case Who.Special s ->
                    b.put(
                                    switch (s.kind()) {
                                        case OWNER -> OWNER;
                                        case GROUP -> GROUP;
                                        case EVERYONE -> EVERYONE;
                                    })
                            .putInt(0);
                case Who.User u -> b.put(USER_ID).putInt(u.uid());
                case Who.Group g -> b.put(GROUP_ID).putInt(g.gid());
            }
        }
        return b.array();
    }

    public static Acl decode(byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            if (b.get() != VERSION) {
                throw new IllegalArgumentException("unknown stored ACL version");
            }
            int count = Short.toUnsignedInt(b.getShort());
            if (count > Acl.MAX_ACES || b.remaining() != count * ACE_BYTES) {
                throw new IllegalArgumentException("stored ACL length does not match its count");
            }
            List<Ace> aces = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                AceType type =
                        switch (b.get()) {
                            case 0 -> AceType.ALLOW;
                            case 1 -> AceType.DENY;
                            default -> throw new IllegalArgumentException("stored ACE of unknown type");
                        };
                int flags = Byte.toUnsignedInt(b.get());
                int mask = b.getInt();
                byte kind = b.get();
                int id = b.getInt();
                Who who =
                        switch (kind) {
                            case OWNER -> Who.OWNER;
                            case GROUP -> Who.GROUP;
                            case EVERYONE -> Who.EVERYONE;
                            case USER_ID -> new Who.User(id);
                            case GROUP_ID -> new Who.Group(id);
                            default -> throw new IllegalArgumentException("stored ACE of unknown who");
                        };
                aces.add(new Ace(type, flags, mask, who));
            }
            return new Acl(aces);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated stored ACL", e);
        }
    }
}
