package io.dittofs.smb.handlers;

import io.dittofs.runtime.auth.AuthContext;
import io.dittofs.runtime.error.ErrorCode;
import io.dittofs.runtime.error.FsException;
import io.dittofs.runtime.fs.Attributes;
import io.dittofs.runtime.fs.DirectoryEntry;
import io.dittofs.runtime.fs.DirectoryListing;
import io.dittofs.runtime.fs.FileSystem;
import io.dittofs.runtime.fs.NodeId;
import io.dittofs.smb.wire.NtStatus;
import io.dittofs.smb.wire.SmbProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB path handling: {@code dir\sub\name} relative to the share root, each component checked
 * against the Windows naming rules (MS-FSCC 2.1.5.2) and resolved ignoring case through the
 * runtime's folded-name index (never a directory scan).
 */
final class Paths {
    /** Characters Windows refuses in a name, besides the controls 0x00-0x1F. */
    private static final String INVALID = "\"*/:<>?\\|";

    private Paths() {}

    /** The components of {@code path} (empty for the share root). */
    static List<String> split(String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        if (path.startsWith("\\")) {
            throw SmbProtocolException.invalid("path starts with a backslash");
        }
        List<String> out = new ArrayList<>();
        for (String c : path.split("\\\\", -1)) {
            if (c.isEmpty() && out.size() > 0) {
                continue; // a trailing or doubled backslash names the same directory
            }
            validate(c);
            out.add(c);
        }
        return out;
    }

    /** Refuses empty names, "." and "..", control and reserved characters, streams. */
    static void validate(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "bad name '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || INVALID.indexOf(ch) >= 0) {
                throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "bad character in '" + name + "'");
            }
        }
        if (isReservedDeviceName(name)) {
            throw new SmbProtocolException(NtStatus.STATUS_OBJECT_NAME_INVALID, "reserved device name '" + name + "'");
        }
    }

    /**
     * CON, PRN, AUX, NUL, COM1-COM9 and LPT1-LPT9, alone or with an extension ("nul.txt"), name
     * devices on Windows and cannot be files there; they are refused so a share stays usable from
     * Windows. (Such names created over NFS stay reachable over NFS.)
     */
    static boolean isReservedDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(java.util.Locale.ROOT);
        return switch (base) {
            case "CON", "PRN", "AUX", "NUL" -> true;
            default ->
                base.length() == 4
                        && (base.startsWith("COM") || base.startsWith("LPT"))
                        && base.charAt(3) >= '1'
                        && base.charAt(3) <= '9';
        };
    }

    /** Resolves directories {@code components[0..count)} from the root; STATUS_OBJECT_PATH_NOT_FOUND if one is missing. */
    static NodeId directory(FileSystem fs, AuthContext auth, List<String> components, int count) {
        NodeId node = fs.root();
        for (int i = 0; i < count; i++) {
            Attributes a;
            try {
                a = fs.lookupIgnoringCase(auth, node, components.get(i));
            } catch (FsException e) {
                if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.NOT_DIRECTORY) {
                    throw new SmbProtocolException(
                            NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, "no directory " + components.get(i));
                }
                throw e;
            }
            if (!a.isDirectory()) {
                throw new SmbProtocolException(
                        NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, components.get(i) + " is not a directory");
            }
            node = a.id();
        }
        return node;
    }

    /** The attributes of {@code name} in {@code dir} ignoring case, or {@code null} if there is none. */
    static Attributes lookupOrNull(FileSystem fs, AuthContext auth, NodeId dir, String name) {
        try {
            return fs.lookupIgnoringCase(auth, dir, name);
        } catch (FsException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The name under which {@code node} is stored in {@code dir}, given a spelling that matched it
     * ignoring case. The runtime's lookupIgnoringCase does not return the stored name (a gap); an
     * exact lookup settles the usual case, and only a differently-cased name costs a listing.
     */
    static String storedName(FileSystem fs, AuthContext auth, NodeId dir, String spelling, NodeId node) {
        try {
            if (fs.lookup(auth, dir, spelling).id().equals(node)) {
                return spelling;
            }
        } catch (FsException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        long cookie = 0;
        long verifier = 0;
        while (true) {
            DirectoryListing page = fs.readDirectory(auth, dir, cookie, verifier, 1024, false);
            for (DirectoryEntry e : page.entries()) {
                if (e.id().equals(node)) {
                    return e.name();
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return spelling;
            }
            verifier = page.verifier();
        }
    }

    /** Joins components into a path with backslashes. */
    static String join(List<String> components) {
        return String.join("\\", components);
    }
}
