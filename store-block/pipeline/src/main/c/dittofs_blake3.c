/*
 * The one entry point DittoFS calls through the JDK's FFM API: a whole BLAKE3 hash (plain or
 * keyed) of one buffer, so a chunk costs one downcall and no native hasher state lives in Java.
 */
#include <stddef.h>
#include <stdint.h>
#include "blake3.h"

/* Writes the 32-byte BLAKE3 hash of in[0..len) to out; keyed when key is not NULL. */
void dittofs_blake3_hash(const uint8_t *key, const void *in, size_t len, uint8_t *out) {
  blake3_hasher hasher;
  if (key != NULL) {
    blake3_hasher_init_keyed(&hasher, key);
  } else {
    blake3_hasher_init(&hasher);
  }
  blake3_hasher_update(&hasher, in, len);
  blake3_hasher_finalize(&hasher, out, BLAKE3_OUT_LEN);
}
