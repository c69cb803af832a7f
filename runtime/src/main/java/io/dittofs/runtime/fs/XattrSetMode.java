package io.dittofs.runtime.fs;

/** What setting an extended attribute does about an existing one ({@code setxattr(2)} flags). */
public enum XattrSetMode {
    /** Create it or replace it (flags 0). */
    CREATE_OR_REPLACE,
    /** Fail with EXISTS when it exists ({@code XATTR_CREATE}). */
    CREATE,
    /** Fail with NOT_FOUND when it does not exist ({@code XATTR_REPLACE}). */
    REPLACE
}
