package io.dittofs.runtime.coherence;

import io.dittofs.runtime.fs.NodeId;

/**
 * A change of one name in one directory, or of the data or attributes of the entry it names, as
 * SMB CHANGE_NOTIFY reports it (MS-FSCC 2.7.1 FILE_NOTIFY_INFORMATION actions).
 *
 * @param shareId the share
 * @param directory the directory whose entries changed, or that holds the modified entry
 * @param name the entry's name
 * @param action what happened to it
 * @param isDirectory whether the entry is a directory (selects FILE_NAME or DIR_NAME filters)
 * @param changed for {@link Action#MODIFIED}: what changed, as {@link #SIZE}, {@link #LAST_WRITE},
 *     {@link #LAST_ACCESS}, {@link #CREATION}, {@link #ATTRIBUTES}, {@link #SECURITY} and {@link
 *     #XATTRS} bits; 0 for name changes
 */
public record FsChange(int shareId, NodeId directory, String name, Action action, boolean isDirectory, int changed) {
    /** The size changed. */
    public static final int SIZE = 1;
    /** The data or the modification time changed. */
    public static final int LAST_WRITE = 2;
    /** The access time was set. */
    public static final int LAST_ACCESS = 4;
    /** The creation (birth) time was set. */
    public static final int CREATION = 8;
    /** The DOS attributes changed. */
    public static final int ATTRIBUTES = 16;
    /** Mode bits, owner or group changed. */
    public static final int SECURITY = 32;
    /** An extended attribute was set or removed. */
    public static final int XATTRS = 64;

    /** A change of the name itself. */
    public FsChange(int shareId, NodeId directory, String name, Action action, boolean isDirectory) {
        this(shareId, directory, name, action, isDirectory, 0);
    }

    public enum Action {
        ADDED,
        REMOVED,
        MODIFIED,
        RENAMED_OLD_NAME,
        RENAMED_NEW_NAME
    }
}
