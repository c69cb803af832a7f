package io.dittofs.smb.info;

import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.identity.Identities;
import io.dittofs.runtime.identity.Sid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A self-relative SECURITY_DESCRIPTOR (MS-DTYP section 2.4.6) for QUERY_INFO: the file's owner
 * and group as SIDs, and a DACL granting Everyone full access (permissions are enforced by the
 * runtime's POSIX checks; mapping mode bits to ACEs is future work).
 */
public final class SecurityDescriptors {
    public static final int OWNER = 0x1;
    public static final int GROUP = 0x2;
    public static final int DACL = 0x4;

    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;

    private SecurityDescriptors() {}

    public static byte[] of(Identities ids, Attributes a, int additionalInformation) {
        byte[] owner = (additionalInformation & OWNER) != 0 ? sid(ids.userSid(a.uid())) : new byte[0];
        byte[] group = (additionalInformation & GROUP) != 0 ? sid(ids.groupSid(a.gid())) : new byte[0];
        byte[] dacl = (additionalInformation & DACL) != 0 ? everyoneFullAccess() : new byte[0];
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

    private static byte[] everyoneFullAccess() {
        byte[] everyone = sid(Sid.EVERYONE);
        int aceSize = 8 + everyone.length;
        ByteBuffer b = ByteBuffer.allocate(8 + aceSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2); // AclRevision (1 byte)
        b.put((byte) 0); // Sbz1 (1 byte)
        b.putShort((short) (8 + aceSize)); // AclSize (2 bytes)
        b.putShort((short) 1); // AceCount (2 bytes)
        b.putShort((short) 0); // Sbz2 (2 bytes)
        b.put((byte) 0); // AceType (1 byte): ACCESS_ALLOWED_ACE_TYPE
        b.put((byte) 0x3); // AceFlags (1 byte): OBJECT_INHERIT | CONTAINER_INHERIT
        b.putShort((short) aceSize); // AceSize (2 bytes)
        b.putInt(0x001F01FF); // Mask (4 bytes): FILE_ALL_ACCESS
        b.put(everyone); // Sid (variable)
        return b.array();
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
