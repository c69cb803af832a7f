package io.dittofs.runtime.coherence;

import io.dittofs.runtime.fs.NodeId;

/**
 * A change of one name in one directory, as SMB CHANGE_NOTIFY reports it (MS-FSCC 2.7.1
 * FILE_NOTIFY_INFORMATION actions).
 *
 * @param shareId the share
 * @param directory the directory whose entries changed
 * @param name the entry's name
 * @param action what happened to it
 * @param isDirectory whether the entry is a directory (selects FILE_NAME or DIR_NAME filters)
 */
public record FsChange(int shareId, NodeId directory, String name, Action action, boolean isDirectory) {
    public enum Action {
        ADDED,
        REMOVED,
        MODIFIED,
        RENAMED_OLD_NAME,
        RENAMED_NEW_NAME
    }
}
