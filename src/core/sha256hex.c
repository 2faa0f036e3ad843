/* sha256hex.c - see sha256hex.h. */
#include "config.h"

#include "sha256hex.h"

#include <stddef.h>

int sha256_is_hex(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == SHA256_HEX_LEN;
}
