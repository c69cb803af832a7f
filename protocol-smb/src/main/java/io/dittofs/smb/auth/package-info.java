/** Authentication seam for SESSION_SETUP: a mechanism turns security blobs into an identity and a session key. */
@NullMarked
package io.dittofs.smb.auth;

import org.jspecify.annotations.NullMarked;
