/* sha256.c - see sha256.h. */
#include "config.h"

#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

static void to_hex(const unsigned char *h, char out[SHA256_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < crypto_hash_sha256_BYTES; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[SHA256_HEX_LEN] = '\0';
}

void sha256_hex(const void *data, size_t n, char out[SHA256_HEX_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	to_hex(h, out);
}

int sha256_fd(int fd, const char *name, char out[SHA256_HEX_LEN + 1],
	      struct err *e)
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	unsigned char block[65536];

	crypto_hash_sha256_init(&st);
	for (;;) {
		ssize_t n = read(fd, block, sizeof block);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(e, "%s: %s", name, strerror(errno));
			return -1;
		}
		if (n == 0)
			break;
		crypto_hash_sha256_update(&st, block, (unsigned long long)n);
	}
	crypto_hash_sha256_final(&st, h);
	to_hex(h, out);
	return 0;
}

int sha256_file(const char *path, char out[SHA256_HEX_LEN + 1], struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_set(e, "%s: %s", path, strerror(errno));
		return -1;
	}
	int r = sha256_fd(fd, path, out, e);
	close(fd);
	return r;
}
