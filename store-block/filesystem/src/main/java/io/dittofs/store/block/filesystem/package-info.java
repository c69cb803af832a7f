/**
 * A {@link io.dittofs.store.block.BlockStore} in a directory tree on a local, case-sensitive file
 * system. {@link io.dittofs.store.block.filesystem.FilesystemBlockStore} is the API; {@code
 * KeyLayout} says where a key lives on disk.
 */
@NullMarked
package io.dittofs.store.block.filesystem;

import org.jspecify.annotations.NullMarked;
