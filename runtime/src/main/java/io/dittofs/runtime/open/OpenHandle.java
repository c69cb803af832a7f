package io.dittofs.runtime.open;

import io.dittofs.runtime.lock.FileKey;

/**
 * One open of one file, as the {@link OpenTable} tracks it. {@code holder} names the client the
 * open belongs to, qualified by protocol like lock owners (e.g. {@code "smb:<client guid>"},
 * {@code "nfs4:<clientid>"}): caching granted to a holder is never broken by its own opens.
 *
 * <p>The mode may change (NFSv4 OPEN_DOWNGRADE, an OPEN upgrade); only the table changes it.
 */
public final class OpenHandle {
    private final FileKey file;
    private final String holder;
    private volatile OpenMode mode;

    OpenHandle(FileKey file, String holder, OpenMode mode) {
        this.file = file;
        this.holder = holder;
        this.mode = mode;
    }

    public FileKey file() {
        return file;
    }

    public String holder() {
        return holder;
    }

    public OpenMode mode() {
        return mode;
    }

    void mode(OpenMode mode) {
        this.mode = mode;
    }

    @Override
    public String toString() {
        return "OpenHandle[" + file + ", " + holder + ", " + mode + "]";
    }
}
