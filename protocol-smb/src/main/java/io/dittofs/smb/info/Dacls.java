package io.dittofs.smb.info;

import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceFlags;
import io.dittofs.runtime.acl.AceType;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.Who;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * DACLs (MS-DTYP section 2.4.5) to and from the runtime's NFSv4-style {@link Acl}, the one ACL
 * both protocols share.
 *
 * <ul>
 *   <li>ACE types: ACCESS_ALLOWED_ACE_TYPE (0) and ACCESS_DENIED_ACE_TYPE (1) (MS-DTYP 2.4.4.1);
 *       other types (object, callback, audit) are refused with STATUS_NOT_SUPPORTED.
 *   <li>Flags: OBJECT_INHERIT, CONTAINER_INHERIT, NO_PROPAGATE_INHERIT and INHERIT_ONLY have the
 *       values of NFSv4's FILE_INHERIT, DIRECTORY_INHERIT, NO_PROPAGATE_INHERIT and INHERIT_ONLY;
 *       INHERITED_ACE (0x10) is NFSv4's INHERITED (0x80).
 *   <li>Masks: the file rights of MS-DTYP 2.4.3 (FILE_READ_DATA ... SYNCHRONIZE) have the values
 *       of RFC 8881's ACE4_* bits; generic rights are mapped to the file rights first (MS-SMB2
 *       2.2.13.1.1: FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE,
 *       FILE_ALL_ACCESS).
 *   <li>Whos: OWNER@ and GROUP@ are shown as the file's owner and group SIDs, and those SIDs (or
 *       CREATOR OWNER S-1-3-0 / CREATOR GROUP S-1-3-1) are read back as OWNER@ and GROUP@;
 *       Everyone S-1-1-0 is EVERYONE@; other SIDs go through the identity mapping to a uid (or
 *       else a gid), and a SID that is neither is refused with STATUS_NOT_SUPPORTED.
 * </ul>
 */
final class Dacls {
    private Dacls() {}

    static final Sid CREATOR_OWNER = new Sid(3, new int[] {0});
    static final Sid CREATOR_GROUP = new Sid(3, new int[] {1});

    private static final int ACCESS_ALLOWED = 0;
    private static final int ACCESS_DENIED = 1;
    private static final int SMB_INHERITED = 0x10;
    private static final int SHARED_FLAGS =
            AceFlags.FILE_INHERIT | AceFlags.DIRECTORY_INHERIT | AceFlags.NO_PROPAGATE_INHERIT | AceFlags.INHERIT_ONLY;

    /** FILE_ALL_ACCESS: the file rights an SMB ACE can carry. */
    private static final int FILE_ALL_ACCESS = 0x001F01FF;

    private static final int GENERIC_ALL = 0x10000000;
    private static final int GENERIC_EXECUTE = 0x20000000;
    private static final int GENERIC_WRITE = 0x40000000;
    private static final int GENERIC_READ = 0x80000000;
    private static final int FILE_GENERIC_READ = 0x00120089;
    private static final int FILE_GENERIC_WRITE = 0x00120116;
    private static final int FILE_GENERIC_EXECUTE = 0x001200A0;

    /** The DACL of {@code acl} on a file owned by {@code uid}:{@code gid}. */
    static byte[] encode(Identities ids, Acl acl, int uid, int gid) {
        List<byte[]> sids = new ArrayList<>(acl.aces().size());
        int size = 8;
        for (Ace ace : acl.aces()) {
            byte[] sid = SecurityDescriptors.sid(sidOf(ids, ace.who(), uid, gid));
            sids.add(sid);
            size += 8 + sid.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2); // AclRevision (1 byte)
        b.put((byte) 0); // Sbz1 (1 byte)
        b.putShort((short) size); // AclSize (2 bytes)
        b.putShort((short) sids.size()); // AceCount (2 bytes)
        b.putShort((short) 0); // Sbz2 (2 bytes)
        for (int i = 0; i < sids.size(); i++) {
            Ace ace = acl.aces().get(i);
            int flags = (ace.flags() & SHARED_FLAGS) | ((ace.flags() & AceFlags.INHERITED) != 0 ? SMB_INHERITED : 0);
            b.put((byte) (ace.type() == AceType.ALLOW ? ACCESS_ALLOWED : ACCESS_DENIED)); // AceType (1 byte)
            b.put((byte) flags); // AceFlags (1 byte)
            b.putShort((short) (8 + sids.get(i).length)); // AceSize (2 bytes)
            b.putInt(ace.mask() & FILE_ALL_ACCESS); // Mask (4 bytes)
            b.put(sids.get(i)); // Sid (variable)
        }
        return b.array();
    }

    private static Sid sidOf(Identities ids, Who who, int uid, int gid) {
        return switch (who) {
            case Who.Special s ->
                switch (s.kind()) {
                    case OWNER -> ids.userSid(uid);
                    case GROUP -> ids.groupSid(gid);
                    case EVERYONE -> Sid.EVERYONE;
                };
            case Who.User u -> ids.userSid(u.uid());
            case Who.Group g -> ids.groupSid(g.gid());
        };
    }

    /**
     * The ACL of the DACL at {@code at} in {@code b}, for a file that will be owned by
     * {@code owner} and {@code group}. Bounds are the caller's to catch (IndexOutOfBounds as a
     * malformed descriptor).
     */
    static Acl decode(Identities ids, ByteBuffer b, int at, Sid owner, Sid group) {
        int aclSize = b.getShort(at + 2) & 0xFFFF; // AclSize, after AclRevision and Sbz1
        int count = b.getShort(at + 4) & 0xFFFF; // AceCount
        if (count > Acl.MAX_ACES) {
            throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, count + " ACEs");
        }
        int end = at + aclSize;
        int ace = at + 8;
        List<Ace> aces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int type = b.get(ace) & 0xFF; // AceType
            int flags = b.get(ace + 1) & 0xFF; // AceFlags
            int size = b.getShort(ace + 2) & 0xFFFF; // AceSize
            int mask = b.getInt(ace + 4); // Mask
            if (size < 16 || ace + size > end) {
                throw new IllegalArgumentException("ACE of " + size + " bytes");
            }
            AceType t =
                    switch (type) {
                        case ACCESS_ALLOWED -> AceType.ALLOW;
                        case ACCESS_DENIED -> AceType.DENY;
                        default -> throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "ACE type " + type);
                    };
            Sid sid = SecurityDescriptors.readSid(b, ace + 8);
            int nfsFlags = (flags & SHARED_FLAGS) | ((flags & SMB_INHERITED) != 0 ? AceFlags.INHERITED : 0);
            aces.add(new Ace(t, nfsFlags, fileRights(mask), whoOf(ids, sid, owner, group)));
            ace += size;
        }
        return new Acl(aces);
    }

    private static Who whoOf(Identities ids, Sid sid, Sid owner, Sid group) {
        if (sid.equals(owner) || sid.equals(CREATOR_OWNER)) {
            return Who.OWNER;
        }
        if (sid.equals(group) || sid.equals(CREATOR_GROUP)) {
            return Who.GROUP;
        }
        if (sid.equals(Sid.EVERYONE)) {
            return Who.EVERYONE;
        }
        OptionalInt uid = ids.uidOfSid(sid);
        if (uid.isPresent()) {
            return new Who.User(uid.getAsInt());
        }
        OptionalInt gid = ids.gidOfSid(sid);
        if (gid.isPresent()) {
            return new Who.Group(gid.getAsInt());
        }
        throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "no user or group for " + sid);
    }

    /** {@code mask} with generic rights replaced by the file rights they stand for. */
    static int fileRights(int mask) {
        int m = mask & FILE_ALL_ACCESS;
        if ((mask & GENERIC_ALL) != 0) {
            m |= FILE_ALL_ACCESS;
        }
        if ((mask & GENERIC_READ) != 0) {
            m |= FILE_GENERIC_READ;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            m |= FILE_GENERIC_WRITE;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            m |= FILE_GENERIC_EXECUTE;
        }
        return m;
    }
}
