/* safeerr.c - see safeerr.h. */
#define _GNU_SOURCE /* fopencookie */
#include "config.h"

#include "safeerr.h"

#include <stdio.h>
#include <unistd.h>

#include "util.h"

/* One byte judged on its own (no character under way). Returns what to
 * write for it, or -1 for nothing yet (a 0xC2 lead byte, held). */
static int judge(unsigned char c, int *state)
{
	*state = 0;
	if (c == 0xC2) {
		*state = 0xC2;
		return -1;
	}
	if (c >= 0xC3 && c <= 0xDF)
		*state = 1;
	else if (c >= 0xE0 && c <= 0xEF)
		*state = 2;
	else if (c >= 0xF0 && c <= 0xF4)
		*state = 3;
	else if (c >= 0x80 && c <= 0x9F)
		return '?'; /* a raw C1 control: CSI is 0x9B */
	else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
		return '?';
	return c;
}

/* state: the continuation bytes still due for the character under way
 * (1 to 3), or 0xC2 when the last byte was a 0xC2 lead byte, whose next
 * byte decides: 0x80-0x9F after it is a C1 control in UTF-8. */
size_t safeerr_filter(const char *in, size_t n, char *out, int *state)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		int cont = c >= 0x80 && c <= 0xBF;
		if (*state == 0xC2) {
			*state = 0;
			if (cont) {
				out[o++] = c <= 0x9F ? '?' : (char)0xC2;
				if (c > 0x9F)
					out[o++] = (char)c;
				continue;
			}
			out[o++] = (char)0xC2; /* a lone lead byte */
		} else if (*state > 0 && cont) {
			(*state)--;
			out[o++] = (char)c;
			continue;
		}
		int w = judge(c, state);
		if (w >= 0)
			out[o++] = (char)w;
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
