/**
 * Cryptography the rest of DittoFS builds on: password hashing for accounts and the NT hash
 * NTLM needs. Later: envelope encryption of blocks and the key-provider seam. Everything here
 * calls the JDK or BouncyCastle; nothing is a home-made primitive.
 */
@NullMarked
package io.dittofs.crypto;

import org.jspecify.annotations.NullMarked;
