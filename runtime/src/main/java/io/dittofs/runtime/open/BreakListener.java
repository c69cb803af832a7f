package io.dittofs.runtime.open;

/**
 * Told when a caching grant must shrink: the holder sends its protocol's break (an SMB oplock or
 * lease break notification, an NFSv4 CB_RECALL) and later calls
 * {@link OpenTable#acknowledge} or {@link OpenTable#release}. Called outside the table's locks,
 * possibly from any thread; must not block.
 */
@FunctionalInterface
public interface BreakListener {
    void breakTo(CachingGrant grant, int newLevel);
}
