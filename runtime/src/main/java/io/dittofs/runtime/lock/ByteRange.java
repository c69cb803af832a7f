package io.dittofs.runtime.lock;

/**
 * A range of bytes {@code [start, end)}. {@link #TO_END} as end means "to the end of the file,
 * however large it grows", which is what a length of 0 means in NLM and "all ones" in NFSv4.
 */
public record ByteRange(long start, long end) {
    public static final long TO_END = Long.MAX_VALUE;

    public ByteRange {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** The range of {@code length} bytes from {@code offset}; length 0, or one reaching past 2^63, means to the end. */
    public static ByteRange of(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (length == 0 || length > TO_END - offset) {
            return new ByteRange(offset, TO_END);
        }
        return new ByteRange(offset, offset + length);
    }

    public boolean overlaps(ByteRange o) {
        return start < o.end && o.start < end;
    }

    /** Whether the two ranges overlap or touch. */
    public boolean touches(ByteRange o) {
        return start <= o.end && o.start <= end;
    }

    public long length() {
        return end - start;
    }
}
