/**
 * Cryptography the rest of DittoFS builds on: password hashing for accounts and the NT hash
 * NTLM needs; envelope encryption of stored objects and the key-provider seam in {@code
 * io.dittofs.crypto.envelope}. Everything here
 * calls the JDK or BouncyCastle; nothing is a home-made primitive.
 */
@NullMarked
package io.dittofs.crypto;

import org.jspecify.annotations.NullMarked;
