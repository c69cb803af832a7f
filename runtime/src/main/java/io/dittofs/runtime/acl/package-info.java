/**
 * NFSv4-style access control lists (RFC 8881 section 6): the one ACL model NFSv4's {@code acl}
 * attribute and SMB's security descriptors both map onto, its evaluation, its relation to the
 * mode bits (section 6.4) and inheritance (section 6.4.3).
 */
@NullMarked
package io.dittofs.runtime.acl;

import org.jspecify.annotations.NullMarked;
