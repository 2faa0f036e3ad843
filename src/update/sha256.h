/* sha256.h - SHA-256 as lowercase hex, through libsodium (no own crypto). */
#ifndef IDM_SHA256_H
#define IDM_SHA256_H

#include <stddef.h>

#include "sha256hex.h"
#include "util.h"

/* Writes the hex SHA-256 of `n` bytes at `data` into `out` (NUL-terminated). */
void sha256_hex(const void *data, size_t n, char out[SHA256_HEX_LEN + 1]);

/* Hashes everything readable from `fd`, from its current offset to EOF.
 * Returns 0, or -1 with `e` filled ("NAME: read error ..."). */
int sha256_fd(int fd, const char *name, char out[SHA256_HEX_LEN + 1],
	      struct err *e);

/* Hashes the file at `path`. Returns 0, or -1 with `e` filled. */
int sha256_file(const char *path, char out[SHA256_HEX_LEN + 1], struct err *e);

#endif
