package io.dittofs.smb.info;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.SetAttributes;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * Self-relative SECURITY_DESCRIPTORs (MS-DTYP section 2.4.6) as a view of POSIX ownership and
 * mode bits, both ways:
 *
 * <ul>
 *   <li>QUERY_INFO: owner and group are the uid's and gid's SIDs (the runtime's identity
 *       mapping); the DACL has three ACCESS_ALLOWED ACEs, for the owner, the group and Everyone,
 *       with the rights of the user, group and other mode bits.
 *   <li>SET_INFO: an owner or group SID becomes a uid or gid (STATUS_INVALID_OWNER or
 *       STATUS_INVALID_PRIMARY_GROUP when it stands for none); a DACL becomes mode bits, and
 *       only a DACL that mode bits can say is accepted: ACCESS_ALLOWED ACEs for the owner, the
 *       group and Everyone. Deny ACEs, ACEs for other SIDs and SACLs are refused with
 *       STATUS_NOT_SUPPORTED rather than half applied; a NULL DACL is mode 0777.
 * </ul>
 *
 * <p>The runtime's POSIX checks stay the only permission checks; chown and chmod rules apply.
 */
public final class SecurityDescriptors {
    public static final int OWNER = 0x1;
    public static final int GROUP = 0x2;
    public static final int DACL = 0x4;
    public static final int SACL = 0x8;

    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;
    private static final int ACCESS_ALLOWED = 0;
    private static final int INHERIT_ONLY = 0x08;

    // Rights of the mode bits (MS-SMB2 2.2.13.1.1).
    private static final int READ_RIGHTS = 0x0001 | 0x0008 | 0x0080; // READ_DATA, READ_EA, READ_ATTRIBUTES
    private static final int WRITE_RIGHTS = 0x0002 | 0x0004 | 0x0010 | 0x0100; // WRITE/APPEND_DATA, WRITE_EA/ATTRIBUTES
    private static final int EXECUTE_RIGHTS = 0x0020;
    private static final int ALWAYS = 0x00120000 | 0x0080; // READ_CONTROL, SYNCHRONIZE, READ_ATTRIBUTES
    private static final int OWNER_EXTRA = 0x000C0000 | 0x0100; // WRITE_DAC, WRITE_OWNER, WRITE_ATTRIBUTES
    private static final int GENERIC_ALL = 0x10000000;
    private static final int GENERIC_EXECUTE = 0x20000000;
    private static final int GENERIC_WRITE = 0x40000000;
    private static final int GENERIC_READ = 0x80000000;

    private SecurityDescriptors() {}

    public static byte[] of(Identities ids, Attributes a, int additionalInformation) {
        byte[] owner = (additionalInformation & OWNER) != 0 ? sid(ids.userSid(a.uid())) : new byte[0];
        byte[] group = (additionalInformation & GROUP) != 0 ? sid(ids.groupSid(a.gid())) : new byte[0];
        byte[] dacl = (additionalInformation & DACL) != 0 ? dacl(ids, a) : new byte[0];
        int at = 20;
        int ownerOffset = owner.length == 0 ? 0 : at;
        at += owner.length;
        int groupOffset = group.length == 0 ? 0 : at;
        at += group.length;
        int daclOffset = dacl.length == 0 ? 0 : at;
        at += dacl.length;
        ByteBuffer b = ByteBuffer.allocate(at).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1); // Revision (1 byte)
        b.put((byte) 0); // Sbz1 (1 byte)
        b.putShort((short) (SE_SELF_RELATIVE | (dacl.length == 0 ? 0 : SE_DACL_PRESENT))); // Control (2 bytes)
        b.putInt(ownerOffset); // OffsetOwner (4 bytes)
        b.putInt(groupOffset); // OffsetGroup (4 bytes)
        b.putInt(0); // OffsetSacl (4 bytes)
        b.putInt(daclOffset); // OffsetDacl (4 bytes)
        b.put(owner).put(group).put(dacl);
        return b.array();
    }

    private static byte[] dacl(Identities ids, Attributes a) {
        int mode = a.mode();
        byte[][] sids = {sid(ids.userSid(a.uid())), sid(ids.groupSid(a.gid())), sid(Sid.EVERYONE)};
        int[] masks = {
            rights(mode >> 6) | OWNER_EXTRA, rights(mode >> 3), rights(mode),
        };
        int size = 8;
        for (byte[] s : sids) {
            size += 8 + s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2); // AclRevision (1 byte)
        b.put((byte) 0); // Sbz1 (1 byte)
        b.putShort((short) size); // AclSize (2 bytes)
        b.putShort((short) sids.length); // AceCount (2 bytes)
        b.putShort((short) 0); // Sbz2 (2 bytes)
        for (int i = 0; i < sids.length; i++) {
            b.put((byte) ACCESS_ALLOWED); // AceType (1 byte)
            b.put((byte) 0); // AceFlags (1 byte)
            b.putShort((short) (8 + sids[i].length)); // AceSize (2 bytes)
            b.putInt(masks[i]); // Mask (4 bytes)
            b.put(sids[i]); // Sid (variable)
        }
        return b.array();
    }

    private static int rights(int rwx) {
        return ALWAYS
                | ((rwx & 4) != 0 ? READ_RIGHTS : 0)
                | ((rwx & 2) != 0 ? WRITE_RIGHTS : 0)
                | ((rwx & 1) != 0 ? EXECUTE_RIGHTS : 0);
    }

    /**
     * The attribute changes {@code descriptor} asks for, for the parts {@code additionalInformation}
     * names; {@code current} gives the owner and group the DACL's ACEs are matched against.
     */
    public static SetAttributes toChanges(
            Identities ids, Attributes current, byte[] descriptor, int additionalInformation) {
        if ((additionalInformation & SACL) != 0) {
            throw new SmbProtocolException(NtStatus.STATUS_NOT_SUPPORTED, "SACLs are not kept");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(descriptor).order(ByteOrder.LITTLE_ENDIAN);
            int control = b.getShort(2) & 0xFFFF; // Control (2 bytes), after Revision and Sbz1
            int ownerOffset = b.getInt(4); // OffsetOwner
            int groupOffset = b.getInt(8); // OffsetGroup
            int daclOffset = b.getInt(16); // OffsetDacl
            Integer uid = null;
            Integer gid = null;
            Integer mode = null;
            if ((additionalInformation & OWNER) != 0 && ownerOffset != 0) {
                OptionalInt u = ids.uidOfSid(readSid(b, ownerOffset));
                if (u.isEmpty()) {
                    throw new SmbProtocolException(NtStatus.STATUS_INVALID_OWNER, "no user for the owner SID");
                }
                uid = u.getAsInt();
            }
            if ((additionalInformation & GROUP) != 0 && groupOffset != 0) {
                OptionalInt g = ids.gidOfSid(readSid(b, groupOffset));
                if (g.isEmpty()) {
                    throw new SmbProtocolException(NtStatus.STATUS_INVALID_PRIMARY_GROUP, "no group for the group SID");
                }
                gid = g.getAsInt();
            }
            if ((additionalInformation & DACL) != 0 && (control & SE_DACL_PRESENT) != 0) {
                Sid owner = ids.userSid(uid != null ? uid : current.uid());
                Sid group = ids.groupSid(gid != null ? gid : current.gid());
                int bits = daclOffset == 0 ? 0777 : modeOf(b, daclOffset, owner, group);
                mode = (current.mode() & 07000) | bits;
            }
            SetAttributes change = SetAttributes.NONE.withOwner(uid, gid);
            return mode == null ? change : change.withMode(mode);
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException e) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_SECURITY_DESCR, "malformed: " + e);
        }
    }

    private static int modeOf(ByteBuffer b, int at, Sid owner, Sid group) {
        int count = b.getShort(at + 4) & 0xFFFF; // AceCount, after AclRevision, Sbz1, AclSize
        int ace = at + 8;
        int mode = 0;
        for (int i = 0; i < count; i++) {
            int type = b.get(ace) & 0xFF; // AceType
            int flags = b.get(ace + 1) & 0xFF; // AceFlags
            int size = b.getShort(ace + 2) & 0xFFFF; // AceSize
            int mask = b.getInt(ace + 4); // Mask
            if (size < 8) {
                throw new IllegalArgumentException("ACE of " + size + " bytes");
            }
            if ((flags & INHERIT_ONLY) == 0) {
                if (type != ACCESS_ALLOWED) {
                    throw new SmbProtocolException(
                            NtStatus.STATUS_NOT_SUPPORTED, "ACE type " + type + " cannot be said with mode bits");
                }
                Sid who = readSid(b, ace + 8);
                int rwx = rwx(mask);
                if (who.equals(owner)) {
                    mode |= rwx << 6;
                } else if (who.equals(group)) {
                    mode |= rwx << 3;
                } else if (who.equals(Sid.EVERYONE)) {
                    mode |= rwx;
                } else {
                    throw new SmbProtocolException(
                            NtStatus.STATUS_NOT_SUPPORTED, "an ACE for " + who + ": only owner, group and Everyone");
                }
            }
            ace += size;
        }
        return mode;
    }

    private static int rwx(int mask) {
        boolean all = (mask & GENERIC_ALL) != 0;
        return ((all || (mask & (0x0001 | GENERIC_READ)) != 0) ? 4 : 0)
                | ((all || (mask & (0x0002 | 0x0004 | GENERIC_WRITE)) != 0) ? 2 : 0)
                | ((all || (mask & (0x0020 | GENERIC_EXECUTE)) != 0) ? 1 : 0);
    }

    /** A SID in binary form at {@code at} (MS-DTYP 2.4.2.2). */
    static Sid readSid(ByteBuffer b, int at) {
        int count = b.get(at + 1) & 0xFF; // SubAuthorityCount
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = (authority << 8) | (b.get(at + 2 + i) & 0xFF); // IdentifierAuthority, big-endian
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            subs[i] = b.getInt(at + 8 + 4 * i); // SubAuthority
        }
        return new Sid(authority, subs);
    }

    /** A SID in binary form (MS-DTYP 2.4.2.2). */
    static byte[] sid(Sid s) {
        int[] subs = s.subAuthorities();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // Revision (1 byte)
        out.write(subs.length); // SubAuthorityCount (1 byte)
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.write((int) (s.authority() >>> shift) & 0xFF); // IdentifierAuthority (6 bytes, big-endian)
        }
        ByteBuffer sb = ByteBuffer.allocate(4 * subs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int sub : subs) {
            sb.putInt(sub); // SubAuthority (4 bytes each)
        }
        out.writeBytes(sb.array());
        return out.toByteArray();
    }
}
