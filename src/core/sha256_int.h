/* SHA-256 (FIPS 180-4), for the checksums of an output directory's manifest: a standard digest,
 * so a reader can check a file with `sha256sum`. None of mnsim's dependencies offers one (no
 * OpenSSL or GnuTLS is linked), and the algorithm is short; tests/unit/test_sha256.c holds it to
 * the FIPS test vectors. */
#ifndef MNSIM_SHA256_INT_H
#define MNSIM_SHA256_INT_H

#include <stddef.h>
#include <stdint.h>

typedef struct mni_sha256 {
  uint32_t h[8];         /* the chaining state */
  uint64_t n_bytes;      /* message length so far */
  unsigned char buf[64]; /* a partial block */
  size_t n_buf;
} mni_sha256;

void mni_sha256_init(mni_sha256 *s);
void mni_sha256_update(mni_sha256 *s, const void *data, size_t n);
/** The digest as 64 lower-case hex digits and a NUL. */
void mni_sha256_hex(mni_sha256 *s, char hex[65]);

#endif /* MNSIM_SHA256_INT_H */
