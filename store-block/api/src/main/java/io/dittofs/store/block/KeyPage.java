package io.dittofs.store.block;

import java.util.List;

/**
 * One page of a {@link BlockStore#list} call.
 *
 * @param keys the keys, ascending
 * @param truncated {@code true} when more keys follow: call again with the last key as {@code startAfter}
 */
public record KeyPage(List<String> keys, boolean truncated) {
    public KeyPage {
        keys = List.copyOf(keys);
    }
}
