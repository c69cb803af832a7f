package io.dittofs.runtime.lock;

/** A granted lock. */
public record Lock(FileKey file, LockOwner owner, LockType type, ByteRange range) {

    /** Whether this lock stands in the way of {@code owner} taking a {@code type} lock on {@code range}. */
    public boolean conflictsWith(LockOwner other, LockType otherType, ByteRange otherRange) {
        return !owner.equals(other)
                && range.overlaps(otherRange)
                && (type == LockType.EXCLUSIVE || otherType == LockType.EXCLUSIVE);
    }
}
