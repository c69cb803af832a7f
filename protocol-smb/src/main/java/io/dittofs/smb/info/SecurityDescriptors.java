package io.dittofs.smb.info;

import io.dittofs.runtime.acl.Ace;
import io.dittofs.runtime.acl.AceMask;
import io.dittofs.runtime.acl.Acl;
import io.dittofs.runtime.acl.Who;
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
import org.jspecify.annotations.Nullable;

/**
 * Self-relative SECURITY_DESCRIPTORs (MS-DTYP section 2.4.6) as a view of the file's owner, group
 * and ACL (the runtime's, shared with NFSv4; ACEs mapped by {@link Dacls}), both ways:
 *
 * <ul>
 *   <li>QUERY_INFO: owner and group are the uid's and gid's SIDs (the runtime's identity
 *       mapping); the DACL is the file's ACL, which for a file that never had one is the ACL of
 *       its mode bits (OWNER@, GROUP@ and EVERYONE@ allow ACEs, plus deny ACEs where a class has
 *       less than a later one).
 *   <li>SET_INFO: an owner or group SID becomes a uid or gid (STATUS_INVALID_OWNER or
 *       STATUS_INVALID_PRIMARY_GROUP when it stands for none), applied as a chown; a DACL becomes
 *       the file's ACL, and its mode bits follow (RFC 8881 section 6.4.1.2). A NULL DACL is an
 *       ACL granting everything to Everyone. SACLs are refused with STATUS_NOT_SUPPORTED.
 * </ul>
 *
 * <p>The runtime checks permissions on the ACL; chown rules apply.
 */
public final class SecurityDescriptors {
    public static final int OWNER = 0x1;
    public static final int GROUP = 0x2;
    public static final int DACL = 0x4;
    public static final int SACL = 0x8;

    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;

    private SecurityDescriptors() {}

    /** What a SET_INFO asks for: a chown (possibly empty) and a new ACL (or none). */
    public record Requested(
            SetAttributes ownership, @Nullable Acl acl) {}

    public static byte[] of(Identities ids, Attributes a, Acl acl, int additionalInformation) {
        byte[] owner = (additionalInformation & OWNER) != 0 ? sid(ids.userSid(a.uid())) : new byte[0];
        byte[] group = (additionalInformation & GROUP) != 0 ? sid(ids.groupSid(a.gid())) : new byte[0];
        byte[] dacl = (additionalInformation & DACL) != 0 ? Dacls.encode(ids, acl, a.uid(), a.gid()) : new byte[0];
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

    /**
     * The parts (OWNER, GROUP, DACL bits) {@code descriptor} carries: for a create context's
     * descriptor, which no SecurityInformation accompanies.
     */
    public static int partsPresent(byte[] descriptor) {
        try {
            ByteBuffer b = ByteBuffer.wrap(descriptor).order(ByteOrder.LITTLE_ENDIAN);
            int control = b.getShort(2) & 0xFFFF; // Control
            return (b.getInt(4) != 0 ? OWNER : 0) // OffsetOwner
                    | (b.getInt(8) != 0 ? GROUP : 0) // OffsetGroup
                    | ((control & SE_DACL_PRESENT) != 0 ? DACL : 0);
        } catch (IndexOutOfBoundsException e) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_SECURITY_DESCR, "malformed: " + e);
        }
    }

    /**
     * What {@code descriptor} asks for, for the parts {@code additionalInformation} names;
     * {@code current} gives the owner and group when the descriptor does not change them (the
     * DACL's owner and group SIDs are matched against the resulting ones).
     */
    public static Requested parse(Identities ids, Attributes current, byte[] descriptor, int additionalInformation) {
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
            Acl acl = null;
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
                acl = daclOffset == 0
                        ? Acl.of(Ace.allow(Who.EVERYONE, AceMask.ALL))
                        : Dacls.decode(ids, b, daclOffset, owner, group);
            }
            return new Requested(SetAttributes.NONE.withOwner(uid, gid), acl);
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException e) {
            throw new SmbProtocolException(NtStatus.STATUS_INVALID_SECURITY_DESCR, "malformed: " + e);
        }
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
