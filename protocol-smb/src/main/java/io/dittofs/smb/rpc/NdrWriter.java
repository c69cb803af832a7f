package io.dittofs.smb.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian NDR 2.0 (C706 chapter 14) output: primitives aligned to their size, conformant varying strings. */
final class NdrWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int nextReferent = 0x00020000;

    void align(int n) {
        while (out.size() % n != 0) {
            out.write(0);
        }
    }

    NdrWriter u32(long v) {
        align(4);
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
        return this;
    }

    /** A non-null unique pointer's referent id. */
    NdrWriter pointer() {
        u32(nextReferent);
        nextReferent += 4;
        return this;
    }

    /** A conformant varying UTF-16 string with its terminating NUL ([string] wchar_t*). */
    NdrWriter string(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        int chars = b.length / 2;
        u32(chars); // MaximumCount
        u32(0); // Offset
        u32(chars); // ActualCount
        out.writeBytes(b);
        align(4);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
