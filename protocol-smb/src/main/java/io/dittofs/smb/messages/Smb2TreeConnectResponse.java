package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 TREE_CONNECT Response (MS-SMB2 section 2.2.10).
 *
 * @param shareType SMB2_SHARE_TYPE_DISK (1) / PIPE (2) / PRINT (3)
 * @param shareFlags SMB2_SHAREFLAG_*
 * @param capabilities SMB2_SHARE_CAP_*
 * @param maximalAccess the access mask the user may be granted on the share
 */
public record Smb2TreeConnectResponse(int shareType, int shareFlags, int capabilities, int maximalAccess)
        implements Smb2Response {
    public static final int TYPE_DISK = 0x01;
    public static final int TYPE_PIPE = 0x02;
    public static final int SHAREFLAG_NO_CACHING = 0x00000030;
    public static final int SHAREFLAG_ENCRYPT_DATA = 0x00008000;
    /** Capabilities: the share offers persistent handles (2.2.10 SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY). */
    public static final int CAP_CONTINUOUS_AVAILABILITY = 0x00000010;

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(16); // StructureSize (2 bytes)
        out.writeByte(shareType); // ShareType (1 byte)
        out.writeByte(0); // Reserved (1 byte)
        out.writeIntLE(shareFlags); // ShareFlags (4 bytes)
        out.writeIntLE(capabilities); // Capabilities (4 bytes)
        out.writeIntLE(maximalAccess); // MaximalAccess (4 bytes)
    }
}
