/** SMB 3.x encryption (MS-SMB2 sections 2.2.41 and 3.1.4.3): the transform header and its AEAD ciphers. */
@NullMarked
package io.dittofs.smb.encryption;

import org.jspecify.annotations.NullMarked;
