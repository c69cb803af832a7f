/** SPNEGO (RFC 4178, MS-SPNG) token codecs over BouncyCastle's ASN.1 classes. */
@NullMarked
package io.dittofs.smb.auth.spnego;

import org.jspecify.annotations.NullMarked;
