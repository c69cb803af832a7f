package io.dittofs.smb.messages;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SMB2 CHANGE_NOTIFY Response (MS-SMB2 section 2.2.36) carrying FILE_NOTIFY_INFORMATION entries
 * (MS-FSCC 2.7.1), each 4-byte aligned.
 *
 * @param entries the changes, in order
 */
public record Smb2ChangeNotifyResponse(List<Entry> entries) implements Smb2Response {
    // FILE_ACTION_* values, MS-FSCC 2.7.1.
    public static final int ADDED = 1;
    public static final int REMOVED = 2;
    public static final int MODIFIED = 3;
    public static final int RENAMED_OLD_NAME = 4;
    public static final int RENAMED_NEW_NAME = 5;

    /** One change: its FILE_ACTION and the name relative to the watched directory. */
    public record Entry(int action, String name) {
        int encodedLength() {
            return (12 + name.length() * 2 + 3) & ~3;
        }
    }

    public Smb2ChangeNotifyResponse {
        entries = List.copyOf(entries);
    }

    /** The bytes the entries take in the response buffer. */
    public static long length(List<Entry> entries) {
        long n = 0;
        for (Entry e : entries) {
            n += e.encodedLength();
        }
        return n;
    }

    @Override
    public void encode(ByteBuf out, int headerStart) {
        out.writeShortLE(9); // StructureSize (2 bytes)
        int offsetAt = out.writerIndex();
        out.writeShortLE(0); // OutputBufferOffset (2 bytes), set below
        out.writeIntLE(0); // OutputBufferLength (4 bytes), set below
        if (entries.isEmpty()) {
            out.writeByte(0); // the one byte of Buffer that StructureSize 9 counts
            return;
        }
        int start = out.writerIndex();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_16LE);
            int length = e.encodedLength();
            out.writeIntLE(i + 1 < entries.size() ? length : 0); // NextEntryOffset (4 bytes)
            out.writeIntLE(e.action()); // Action (4 bytes)
            out.writeIntLE(name.length); // FileNameLength (4 bytes)
            out.writeBytes(name); // FileName (variable)
            out.writeZero(length - 12 - name.length); // padding to 4 bytes
        }
        out.setShortLE(offsetAt, start - headerStart);
        out.setIntLE(offsetAt + 2, out.writerIndex() - start);
    }
}
