/* safeerr.c - see safeerr.h. */
#define _GNU_SOURCE /* fopencookie */
#include "config.h"

#include "safeerr.h"

#include <stdio.h>
#include <unistd.h>

#include "util.h"

/* state: 0, or 0xC2 when the last byte was a 0xC2 lead byte, whose next
 * byte decides (0x80-0x9F after it is a C1 control in UTF-8); 1 inside
 * another multibyte character, whose continuation bytes pass. */
size_t safeerr_filter(const char *in, size_t n, char *out, int *state)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		int st = *state;
		*state = 0;
		if (st == 0xC2) {
			if (c >= 0x80 && c <= 0x9F) {
				out[o++] = '?';
				continue;
			}
			out[o++] = (char)0xC2;
			if (c >= 0xA0 && c <= 0xBF)
				continue;
			/* a lone lead byte: c is judged on its own */
		}
		if (c >= 0x80 && c <= 0xBF) {
			/* a continuation byte, or a stray C1 control */
			out[o++] = st == 1 || (st == 0xC2 && c >= 0xA0) ? (char)c
					: c <= 0x9F ? '?' : (char)c;
			*state = st == 1 ? 1 : 0;
		} else if (c == 0xC2) {
			*state = 0xC2;
		} else if (c >= 0xC3) {
			out[o++] = (char)c;
			*state = 1;
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
			out[o++] = '?';
		} else {
			out[o++] = (char)c;
		}
	}
	return o;
}

static int pending;

static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	char out[1024 + 1];
	size_t done = 0;
	while (done < size) {
		size_t n = size - done < 1024 ? size - done : 1024;
		size_t m = safeerr_filter(buf + done, n, out, &pending);
		if (util_write_all(2, out, m) < 0)
			return done ? (ssize_t)done : -1;
		done += n;
	}
	return (ssize_t)size;
}

static int cookie_close(void *cookie)
{
	(void)cookie;
	if (pending == 0xC2)
		(void)util_write_all(2, "?", 1);
	pending = 0;
	return 0;
}

void safeerr_install(void)
{
	cookie_io_functions_t io = {.write = cookie_write, .close = cookie_close};
	FILE *f = fopencookie(NULL, "w", io);
	if (!f)
		return;
	setvbuf(f, NULL, _IONBF, 0);
	stderr = f;
}
