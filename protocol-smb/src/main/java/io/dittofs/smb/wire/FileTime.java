package io.dittofs.smb.wire;

/**
 * FILETIME (MS-DTYP section 2.3.3): 100-nanosecond intervals since 1601-01-01 UTC, converted
 * from and to the runtime's nanoseconds since the Unix epoch.
 */
public final class FileTime {
    /** 100 ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long EPOCH_DIFFERENCE = 116_444_736_000_000_000L;

    private FileTime() {}

    public static long fromUnixNanos(long nanos) {
        return Math.floorDiv(nanos, 100) + EPOCH_DIFFERENCE;
    }

    public static long toUnixNanos(long fileTime) {
        return (fileTime - EPOCH_DIFFERENCE) * 100;
    }

    public static long now() {
        java.time.Instant i = java.time.Instant.now();
        return fromUnixNanos(i.getEpochSecond() * 1_000_000_000L + i.getNano());
    }
}
