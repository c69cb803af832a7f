/** Message signing and key derivation (MS-SMB2 sections 3.1.4.1 and 3.1.4.2). */
@NullMarked
package io.dittofs.smb.signing;

import org.jspecify.annotations.NullMarked;
