package io.dittofs.runtime.fs;

/**
 * A file's attributes as the runtime reports them. Times are nanoseconds since the Unix epoch.
 *
 * @param id the file's identity
 * @param type kind of file
 * @param mode permission bits with setuid, setgid and sticky ({@code 07777})
 * @param uid owner
 * @param gid owning group
 * @param nlink hard links
 * @param size bytes of content
 * @param usedBytes bytes of storage the content occupies (a multiple of the block size)
 * @param rdev device number ({@code major << 32 | minor}) of a device file
 * @param atime last access
 * @param mtime last content change
 * @param ctime last content or attribute change
 * @param birthtime creation
 * @param change a counter that grows with every change (NFSv4 change attribute)
 * @param dosAttributes FILE_ATTRIBUTE_* bits kept for SMB
 */
public record Attributes(
        NodeId id,
        FileType type,
        int mode,
        int uid,
        int gid,
        int nlink,
        long size,
        long usedBytes,
        long rdev,
        long atime,
        long mtime,
        long ctime,
        long birthtime,
        long change,
        int dosAttributes) {

    public long fileId() {
        return id.fileId();
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    /** The attributes NFSv3 wcc data keeps from before an operation. */
    public WccAttributes wcc() {
        return new WccAttributes(size, mtime, ctime);
    }
}
