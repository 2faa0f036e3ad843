/* sha256hex.h - what the reader knows of SHA-256: the shape of a hex
 * digest (a manifest line names one). Hashing itself is the updater's
 * (src/update/sha256.h, libsodium), so the reader links no crypto. */
#ifndef IDM_SHA256HEX_H
#define IDM_SHA256HEX_H

/* Length of a hex digest, without the NUL. */
#define SHA256_HEX_LEN 64

/* 1 when `s` is exactly 64 lowercase hex digits, else 0. */
int sha256_is_hex(const char *s);

#endif
