package io.dittofs.store.metadata;

import java.util.List;
import java.util.Optional;

/**
 * Reads of extended attributes (named streams): per inode, a set of names (see {@link
 * Xattrs#checkName}) with byte values of up to {@link Xattrs#MAX_VALUE_BYTES}. Names are
 * case-sensitive and opaque to the store; the runtime gives them meaning (namespaces such as
 * {@code user.}).
 */
public interface XattrReader {

    /** The value of attribute {@code name} of inode {@code fileId}, or empty when it has none. */
    Optional<byte[]> xattr(long fileId, String name);

    /** The names of every attribute of inode {@code fileId}, in ascending UTF-8 byte order. */
    List<String> xattrNames(long fileId);
}
