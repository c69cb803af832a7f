package io.dittofs.nfs.v3.xdr;

import io.dittofs.nfs.xdr.XdrReader;
import io.dittofs.nfs.xdr.XdrWriter;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.NodeId;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * nfs_fh3 (RFC 1813 section 2.5): opaque to clients, at most 64 bytes. Ours are 17:
 *
 * <pre>
 * +---------+-----------+-------------+--------------+
 * | version | share id  | file id     | generation   |
 * | 1 byte  | 4 bytes   | 8 bytes     | 4 bytes      |
 * +---------+-----------+-------------+--------------+
 * </pre>
 *
 * Version is {@value #FORMAT}. The generation makes a handle of a removed file stale forever,
 * even when its file id is reused. The same layout serves MOUNT's fhandle3.
 */
public record FileHandle3(byte[] bytes) {
    /** NFS3_FHSIZE. */
    public static final int MAX_SIZE = 64;

    public static final byte FORMAT = 1;
    private static final int LENGTH = 17;

    public FileHandle3 {
        bytes = bytes.clone();
    }

    public static FileHandle3 of(int shareId, NodeId node) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(FORMAT).putInt(shareId).putLong(node.fileId()).putInt(node.generation());
        return new FileHandle3(b.array());
    }

    /** The share id; BAD_HANDLE when the handle is not one of ours. */
    public int shareId() {
        check();
        return ByteBuffer.wrap(bytes).getInt(1);
    }

    /** The file; BAD_HANDLE when the handle is not one of ours. */
    public NodeId node() {
        check();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new NodeId(b.getLong(5), b.getInt(13));
    }

    private void check() {
        if (bytes.length != LENGTH || bytes[0] != FORMAT) {
            throw new FsException(
                    ErrorCode.BAD_HANDLE,
                    "not a DittoFS handle: " + HexFormat.of().formatHex(bytes));
        }
    }

    public static FileHandle3 decode(XdrReader in) {
        return new FileHandle3(in.readOpaque(MAX_SIZE));
    }

    public void encode(XdrWriter out) {
        out.writeOpaque(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHandle3 h && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "FileHandle3[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
