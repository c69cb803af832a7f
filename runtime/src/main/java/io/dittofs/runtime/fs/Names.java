package io.dittofs.runtime.fs;

import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import java.nio.charset.StandardCharsets;

/** The rules every name in a share follows, whatever protocol created it. */
public final class Names {
    /** Longest name, in bytes of UTF-8 (NAME_MAX). */
    public static final int MAX_NAME_BYTES = 255;
    /** Longest symlink target, in bytes of UTF-8 (PATH_MAX). */
    public static final int MAX_TARGET_BYTES = 4096;

    private Names() {}

    /**
     * Returns {@code name} when it can be a directory entry: not empty, not "." or "..", no '/'
     * or NUL, no unpaired surrogate (it must be valid UTF-8 on the wire), at most 255 bytes.
     */
    public static String requireValidEntryName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new FsException(ErrorCode.INVALID_NAME, "reserved or empty name '" + name + "'");
        }
        int bytes = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == 0) {
                throw new FsException(ErrorCode.INVALID_NAME, "name contains '/' or NUL");
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FsException(ErrorCode.INVALID_NAME, "name is not valid Unicode");
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        if (bytes > MAX_NAME_BYTES) {
            throw new FsException(ErrorCode.NAME_TOO_LONG, "name of " + bytes + " bytes");
        }
        return name;
    }

    /** Returns {@code target} when it can be a symlink's target: not empty, no NUL, at most 4096 bytes. */
    public static String requireValidTarget(String target) {
        if (target.isEmpty() || target.indexOf(0) >= 0) {
            throw new FsException(ErrorCode.INVALID_ARGUMENT, "empty symlink target or NUL in it");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > MAX_TARGET_BYTES) {
            throw new FsException(ErrorCode.NAME_TOO_LONG, "symlink target too long");
        }
        return target;
    }
}
