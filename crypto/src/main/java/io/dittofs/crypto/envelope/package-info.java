/**
 * Envelope encryption of stored objects.
 *
 * <p>Every object gets its own random 256-bit data key and random 96-bit nonce; the object is
 * encrypted with an AEAD ({@link io.dittofs.crypto.envelope.AeadAlgorithm AES-256-GCM or
 * ChaCha20-Poly1305}, both from the JDK) whose associated data is the object's header, so any
 * change to the header, the ciphertext, the tag or the wrapped key makes decryption fail. The
 * data key is stored beside the object, wrapped by a key-encryption key (KEK) that never leaves
 * the {@link io.dittofs.crypto.envelope.KeyProvider}: the local key file today ({@link
 * io.dittofs.crypto.envelope.LocalKeyFileProvider}), a KMIP server later.
 *
 * <p>Wrapping is AES Key Wrap (RFC 3394, NIST SP 800-38F "KW", JDK {@code AES/KW/NoPadding}):
 * deterministic and nonce-free, so unlike a GCM wrap it has no per-KEK limit on the number of
 * wrapped keys, and its built-in integrity check rejects a modified wrapped key. Because each
 * data key encrypts exactly one object once ({@link io.dittofs.crypto.envelope.DataKey} refuses
 * a second use), a (key, nonce) pair can never repeat, whatever the random nonces do.
 */
@NullMarked
package io.dittofs.crypto.envelope;

import org.jspecify.annotations.NullMarked;
