package io.dittofs.store.block.filesystem;

import io.dittofs.store.block.BlockStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The one place where an {@link IOException} becomes a {@link BlockStoreException}. */
final class IoErrors {

    private IoErrors() {}

    /** {@code e}, as NO_SPACE when the file system is full or over quota, otherwise as IO. */
    static BlockStoreException wrap(String operation, String key, Path path, IOException e) {
        BlockStoreException.Kind kind = isNoSpace(e) ? BlockStoreException.Kind.NO_SPACE : BlockStoreException.Kind.IO;
        return new BlockStoreException(kind, operation + " of '" + key + "' at " + path + " failed: " + e, e);
    }

    /** {@code e} from an operation on the store as a whole, such as opening it. */
    static BlockStoreException wrap(String operation, Path path, IOException e) {
        BlockStoreException.Kind kind = isNoSpace(e) ? BlockStoreException.Kind.NO_SPACE : BlockStoreException.Kind.IO;
        return new BlockStoreException(kind, operation + " of block store at " + path + " failed: " + e, e);
    }

    /**
     * Whether {@code e} or a cause is ENOSPC or EDQUOT. The JDK reports errno only as the
     * strerror text in the message (for {@link java.nio.file.FileSystemException}, the reason).
     */
    static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                String m = message.toLowerCase(Locale.ROOT);
                if (m.contains("no space left on device")
                        || m.contains("enospc")
                        || m.contains("disk quota exceeded")
                        || m.contains("edquot")) {
                    return true;
                }
            }
        }
        return false;
    }
}
