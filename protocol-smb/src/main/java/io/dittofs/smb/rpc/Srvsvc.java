package io.dittofs.smb.rpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;

/**
 * The srvsvc interface (MS-SRVS), version 3.0: NetrShareEnum (opnum 15) at levels 0, 1 and 2, NetrShareGetInfo (opnum 16) at 0, 1, 2 and 1005; other
 * operations are refused with nca_s_op_rng_error by the caller.
 */
final class Srvsvc {
    static final UUID INTERFACE = UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188");
    static final int VERSION = 3;
    static final int NETR_SHARE_ENUM = 15;
    static final int NETR_SHARE_GET_INFO = 16;
    private static final int NERR_NET_NAME_NOT_FOUND = 2310;

    /** STYPE_DISKTREE and STYPE_IPC | STYPE_SPECIAL (MS-SRVS 2.2.2.4). */
    static final int STYPE_DISKTREE = 0x00000000;

    static final int STYPE_IPC_SPECIAL = 0x80000003;
    private static final int ERROR_INVALID_LEVEL = 124;

    /** A share as listed. */
    record Entry(String name, int type, String remark) {}

    private Srvsvc() {}

    /**
     * NetrShareGetInfo (MS-SRVS 3.1.4.10) at levels 0, 1, 2 and 1005.
     *
     * <pre>
     * [in, string, unique] SRVSVC_HANDLE ServerName; [in, string] WCHAR* NetName; [in] DWORD Level;
     * [out, switch_is(Level)] LPSHARE_INFO InfoStruct
     * </pre>
     */
    static byte[] shareGetInfo(byte[] stub, List<Entry> shares) {
        ByteBuffer in = ByteBuffer.wrap(stub).order(ByteOrder.LITTLE_ENDIAN);
        skipUniqueString(in);
        String name = string(in);
        int level = in.getInt();
        Entry e = shares.stream()
                .filter(x -> x.name().equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
        NdrWriter w = new NdrWriter();
        w.u32(level); // union discriminant
        if (e == null || (level != 0 && level != 1 && level != 2 && level != 1005)) {
            w.u32(0); // null arm
            w.u32(e == null ? NERR_NET_NAME_NOT_FOUND : ERROR_INVALID_LEVEL);
            return w.toByteArray();
        }
        w.pointer();
        if (level == 1005) {
            w.u32(0); // shi1005_flags: manual caching, no special flags
        } else {
            scalars(w, level, e);
            deferred(w, level, e);
        }
        w.u32(0); // WERROR: ERROR_SUCCESS
        return w.toByteArray();
    }

    /** The scalar part of SHARE_INFO_0, _1 or _2 (MS-SRVS 2.2.4.22 to 2.2.4.24): strings are pointers. */
    private static void scalars(NdrWriter w, int level, Entry e) {
        w.pointer(); // shi*_netname
        if (level >= 1) {
            w.u32(e.type()); // shi*_type
            w.pointer(); // shi*_remark
        }
        if (level == 2) {
            w.u32(0); // shi2_permissions (ignored by servers in user-level security)
            w.u32(0xFFFFFFFFL); // shi2_max_uses: unlimited
            w.u32(0); // shi2_current_uses
            w.pointer(); // shi2_path
            w.u32(0); // shi2_passwd: null
        }
    }

    /** The strings the scalar part points at, in order. */
    private static void deferred(NdrWriter w, int level, Entry e) {
        w.string(e.name());
        if (level >= 1) {
            w.string(e.remark());
        }
        if (level == 2) {
            w.string(e.type() == STYPE_DISKTREE ? "C:\\" + e.name() : ""); // a Windows-style path clients display
        }
    }

    /** Skips an [in, string, unique] wchar_t* (a referent id, then a conformant varying string). */
    private static void skipUniqueString(ByteBuffer in) {
        if (in.getInt() != 0) {
            string(in);
        }
    }

    /** Reads a conformant varying UTF-16 string, dropping its NUL. */
    private static String string(ByteBuffer in) {
        int max = in.getInt(); // MaximumCount
        in.getInt(); // Offset
        int actual = in.getInt(); // ActualCount
        if (actual < 0 || actual > max || actual > in.remaining() / 2) {
            throw new IllegalArgumentException("bad string");
        }
        byte[] b = new byte[2 * actual];
        in.get(b);
        in.position((in.position() + 3) & ~3);
        String s = new String(b, java.nio.charset.StandardCharsets.UTF_16LE);
        return s.endsWith("\0") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * NetrShareEnum: reads the requested level from the [in] stub and answers with every share.
     *
     * <pre>
     * [in, string, unique] SRVSVC_HANDLE ServerName; [in, out] LPSHARE_ENUM_STRUCT InfoStruct;
     * [in] DWORD PreferedMaximumLength; [out] DWORD* TotalEntries; [in, out, unique] DWORD* ResumeHandle
     * </pre>
     */
    static byte[] shareEnum(byte[] stub, List<Entry> shares) {
        ByteBuffer in = ByteBuffer.wrap(stub).order(ByteOrder.LITTLE_ENDIAN);
        skipUniqueString(in);
        int level = in.getInt(); // InfoStruct.Level
        NdrWriter w = new NdrWriter();
        if (level != 0 && level != 1 && level != 2) {
            w.u32(level).u32(level).u32(0); // Level, union switch, null container
            w.u32(0); // TotalEntries
            w.u32(0); // ResumeHandle: null
            w.u32(ERROR_INVALID_LEVEL);
            return w.toByteArray();
        }
        w.u32(level).u32(level); // Level, union switch_is
        w.pointer(); // container referent
        w.u32(shares.size()); // EntriesRead
        w.pointer(); // Buffer referent
        w.u32(shares.size()); // conformant array MaximumCount
        for (Entry e : shares) {
            scalars(w, level, e);
        }
        for (Entry e : shares) {
            deferred(w, level, e);
        }
        w.u32(shares.size()); // TotalEntries
        w.pointer().u32(0); // ResumeHandle: non-null, 0
        w.u32(0); // WERROR: ERROR_SUCCESS
        return w.toByteArray();
    }
}
