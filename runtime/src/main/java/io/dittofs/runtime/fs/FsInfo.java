package io.dittofs.runtime.fs;

/**
 * Static properties of a share's file system (RFC 1813 FSINFO and PATHCONF).
 *
 * @param maxReadSize largest read the runtime serves in one call
 * @param maxWriteSize largest write it accepts in one call
 * @param preferredIoSize the block size of the content layer
 * @param maxFileSize largest file size
 * @param maxNameBytes longest name, in bytes of UTF-8
 * @param maxLinks most hard links to one file
 * @param timeGranularityNanos resolution of stored times
 */
public record FsInfo(
        int maxReadSize,
        int maxWriteSize,
        int preferredIoSize,
        long maxFileSize,
        int maxNameBytes,
        int maxLinks,
        long timeGranularityNanos) {

    /** These limits with reads and writes capped at a protocol's own maxima. */
    public FsInfo clampIo(int maxRead, int maxWrite) {
        return new FsInfo(
                Math.min(maxReadSize, maxRead),
                Math.min(maxWriteSize, maxWrite),
                preferredIoSize,
                maxFileSize,
                maxNameBytes,
                maxLinks,
                timeGranularityNanos);
    }
}
