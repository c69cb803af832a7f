package io.dittofs.bench.driver;

import java.io.IOException;
import java.util.List;

/**
 * One connection (NFS) or session (SMB) to a target, seen as a file system. Paths are relative
 * to the export or share root, '/'-separated. Safe for use by several workers at once: that is
 * how one connection gets several requests in flight, as a kernel client keeps them.
 */
public interface FsConnection extends AutoCloseable {
    /** Creates a directory; no error when it exists. */
    void mkdir(String path) throws IOException;

    /** Creates the file, or truncates it, and opens it for reading and writing. */
    OpenFile create(String path) throws IOException;

    /** Opens an existing file for reading and writing. */
    OpenFile open(String path) throws IOException;

    void remove(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    /** The file's size, from the server (GETATTR, or SMB's file information). */
    long size(String path) throws IOException;

    /** The names in a directory, without "." and "..". */
    List<String> list(String dir) throws IOException;

    void rmdir(String path) throws IOException;

    @Override
    void close() throws IOException;

    /** An open file. Not for use by two workers at once. */
    interface OpenFile extends AutoCloseable {
        void write(long offset, byte[] data) throws IOException;

        /** Reads up to {@code into.length} bytes at {@code offset}; returns how many were read. */
        int read(long offset, byte[] into) throws IOException;

        /** Makes what was written stable: COMMIT (NFS), FLUSH (SMB). */
        void sync() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Opens a connection to {@code target}. */
    static FsConnection open(Target target) throws IOException {
        return switch (target.protocol()) {
            case NFS3 -> Nfs3Connection.connect(target);
            case NFS41 -> Nfs41Connection.connect(target);
            case SMB3 -> Smb3Connection.connect(target);
        };
    }
}
