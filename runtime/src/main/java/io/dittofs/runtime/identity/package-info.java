/** Users, groups and the mapping between uid/gid, names and Windows SIDs. */
@NullMarked
package io.dittofs.runtime.identity;

import org.jspecify.annotations.NullMarked;
