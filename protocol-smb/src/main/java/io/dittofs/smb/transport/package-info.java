/** Direct TCP transport (MS-SMB2 section 2.1): framing on the event loop, work handed to virtual threads. */
@NullMarked
package io.dittofs.smb.transport;

import org.jspecify.annotations.NullMarked;
