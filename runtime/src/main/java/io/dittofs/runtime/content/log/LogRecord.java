package io.dittofs.runtime.content.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One record of the write log, as it lies in a segment:
 *
 * <pre>
 *  0  int   magic 0x44464C47 ("DFLG")
 *  4  int   CRC32C of bytes 8..48 (the rest of the header)
 *  8  long  sequence number (grows by one per record, across segments)
 * 16  long  file id
 * 24  int   file generation
 * 28  int   type: 1 write, 2 truncate
 * 32  long  write: file offset of the data; truncate: the new size
 * 40  int   data length (0 for a truncate)
 * 44  int   CRC32C of the data (computed outside the log's append lock)
 * 48  ...   data
 * </pre>
 *
 * A record is whole when its magic and both CRCs match; replay stops at the first that is not (a torn
 * tail after a crash).
 */
public record LogRecord(long seq, long fileId, int generation, int type, long offset, int length) {
    public static final int HEADER = 48;
    public static final int MAGIC = 0x44464C47;
    public static final int WRITE = 1;
    public static final int TRUNCATE = 2;

    /** The header of this record, given the CRC32C of its data. */
    ByteBuffer header(int dataCrc) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
        h.putInt(MAGIC)
                .putInt(0)
                .putLong(seq)
                .putLong(fileId)
                .putInt(generation)
                .putInt(type);
        h.putLong(offset).putInt(length).putInt(dataCrc);
        h.putInt(4, headerCrc(h));
        return h.flip();
    }

    static int headerCrc(ByteBuffer header) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().position(8).limit(HEADER));
        return (int) crc.getValue();
    }

    /** CRC32C of {@code data} from position to limit, leaving it as it was. */
    static int dataCrc(ByteBuffer data) {
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }

    /** The record a header describes, or null when the bytes are not a whole record header. */
    static @Nullable LogRecord parse(ByteBuffer h) {
        if (h.getInt(0) != MAGIC || h.getInt(4) != headerCrc(h)) {
            return null;
        }
        int type = h.getInt(28);
        int length = h.getInt(40);
        if ((type != WRITE && type != TRUNCATE) || length < 0) {
            return null;
        }
        return new LogRecord(h.getLong(8), h.getLong(16), h.getInt(24), type, h.getLong(32), length);
    }
}
