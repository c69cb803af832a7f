package io.dittofs.smb.server;

import io.dittofs.runtime.open.ParentCaching;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a change made through an open whose lease names a parent lease (ParentLeaseKey, MS-SMB2
 * 2.2.13.2.10) with that directory lease exempt from the break the change causes: a client's own
 * creates, renames, deletes and attribute changes in a directory do not break its lease of the
 * directory (MS-SMB2 3.3.4.7).
 */
public final class ParentLeases {
    private ParentLeases() {}

    /** Runs {@code op} with {@code holder} exempt; just runs it when {@code holder} is {@code null}. */
    public static <T> T exempt(@Nullable String holder, Supplier<T> op) {
        return holder == null
                ? op.get()
                : ScopedValue.where(ParentCaching.HOLDER, holder).call(op::get);
    }
}
