package io.dittofs.smb.messages;

import io.dittofs.smb.wire.SmbProtocolException;
import io.dittofs.smb.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB2_CREATE_CONTEXT (MS-SMB2 section 2.2.13.2): a named blob in a CREATE request or response.
 * Names are 4 ASCII characters for the ones MS-SMB2 defines ("MxAc", "QFid", "DHnQ", "RqLs").
 *
 * @param name the context name
 * @param data the context's data
 */
public record CreateContext(String name, byte[] data) {
    public static final String MAXIMAL_ACCESS = "MxAc";
    public static final String QUERY_ON_DISK_ID = "QFid";
    /** SMB2_CREATE_SD_BUFFER (section 2.2.13.2.2): a security descriptor for the new file. */
    public static final String SECURITY_DESCRIPTOR = "SecD";

    private static final int MAX_CONTEXTS = 32;

    public CreateContext {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Decodes the chain at {@code offset} of {@code msg}, {@code length} bytes long. */
    public static List<CreateContext> decodeList(ByteBuf msg, long offset, long length) {
        List<CreateContext> list = new ArrayList<>();
        if (length == 0) {
            return list;
        }
        Wire.need(msg, offset, length);
        long at = offset;
        long end = offset + length;
        while (true) {
            if (list.size() == MAX_CONTEXTS || at + 16 > end) {
                throw SmbProtocolException.invalid("bad create context chain");
            }
            int i = (int) at;
            long next = msg.getUnsignedIntLE(i); // Next (4 bytes)
            int nameOffset = msg.getUnsignedShortLE(i + 4); // NameOffset (2 bytes)
            int nameLength = msg.getUnsignedShortLE(i + 6); // NameLength (2 bytes)
            // Reserved (2 bytes)
            int dataOffset = msg.getUnsignedShortLE(i + 10); // DataOffset (2 bytes)
            long dataLength = msg.getUnsignedIntLE(i + 12); // DataLength (4 bytes)
            long contextEnd = next == 0 ? end : at + next;
            if (contextEnd > end
                    || at + nameOffset + nameLength > contextEnd
                    || (dataLength > 0 && at + dataOffset + dataLength > contextEnd)) {
                throw SmbProtocolException.invalid("create context outside its bounds");
            }
            String name = new String(Wire.bytes(msg, at + nameOffset, nameLength), StandardCharsets.ISO_8859_1);
            list.add(new CreateContext(name, Wire.bytes(msg, at + dataOffset, dataLength)));
            if (next == 0) {
                return list;
            }
            if ((next & 7) != 0) {
                throw SmbProtocolException.invalid("create context not 8-byte aligned");
            }
            at += next;
        }
    }

    /** Writes a chain of contexts; returns its length. The writer index must be 8-byte aligned. */
    public static int encodeList(ByteBuf out, List<CreateContext> contexts) {
        int start = out.writerIndex();
        for (int k = 0; k < contexts.size(); k++) {
            CreateContext c = contexts.get(k);
            int at = out.writerIndex();
            byte[] name = c.name.getBytes(StandardCharsets.ISO_8859_1);
            int dataOffset = c.data.length == 0 ? 0 : (16 + name.length + 7) & ~7;
            out.writeIntLE(0); // Next (4 bytes), set below
            out.writeShortLE(16); // NameOffset (2 bytes)
            out.writeShortLE(name.length); // NameLength (2 bytes)
            out.writeShortLE(0); // Reserved (2 bytes)
            out.writeShortLE(dataOffset); // DataOffset (2 bytes)
            out.writeIntLE(c.data.length); // DataLength (4 bytes)
            out.writeBytes(name); // Buffer: name
            if (c.data.length > 0) {
                Wire.pad(out, at, 8);
                out.writeBytes(c.data); // Buffer: data
            }
            if (k + 1 < contexts.size()) {
                Wire.pad(out, at, 8);
                out.setIntLE(at, out.writerIndex() - at);
            }
        }
        return out.writerIndex() - start;
    }
}
