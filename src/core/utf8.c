/* utf8.c - see utf8.h. */
#include "config.h"

#include "utf8.h"

#include <locale.h>
#include <wchar.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (n < len) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return len;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_width(uint32_t cp)
{
	static locale_t utf8_locale;
	static int tried;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (!tried) {
		tried = 1;
		utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	if (!utf8_locale)
		return 1; /* no UTF-8 locale at all: assume one column */
	locale_t old = uselocale(utf8_locale);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w;
}

int utf8_strwidth(const char *s, size_t n)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] >= ' ' && (unsigned char)s[i] < 0x7F) {
			w++;
			i++;
			continue;
		}
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		int cw = utf8_width(cp);
		if (cw > 0)
			w += cw;
	}
	return w;
}

/* Columns of the character at s (n > 0 bytes), its length in *len. */
static int char_cols(const char *s, size_t n, size_t *len)
{
	if ((unsigned char)s[0] >= ' ' && (unsigned char)s[0] < 0x7F) {
		*len = 1;
		return 1;
	}
	uint32_t cp;
	*len = utf8_decode(s, n, &cp);
	int cw = utf8_width(cp);
	return cw > 0 ? cw : 0;
}

size_t utf8_fit(const char *s, size_t n, int cols, int *width)
{
	size_t i = 0, budget = UTF8_FIT_BYTES(cols);
	int w = 0;
	/* stop at the first character that does not fit: never walk on */
	while (i < n && s[i] && i < budget) {
		size_t room = n - i, len;
		if (room > 4)
			room = 4; /* a character is at most 4 bytes; a NUL ends it */
		for (size_t k = 1; k < room; k++)
			if (!s[i + k]) {
				room = k;
				break;
			}
		int cw = char_cols(s + i, room, &len);
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	if (width)
		*width = w;
	return i;
}

size_t utf8_fit_end(const char *s, size_t n, int cols, int *width)
{
	size_t start = n, budget = UTF8_FIT_BYTES(cols);
	int w = 0;
	while (start > 0 && n - start < budget) {
		/* back to the first byte of the character before `start` */
		size_t b = start - 1;
		while (b > 0 && start - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		size_t len;
		int cw = char_cols(s + b, start - b, &len);
		if (b + len != start) /* not one character: take the last byte alone */
			b = start - 1, cw = char_cols(s + b, 1, &len);
		if (w + cw > cols)
			break;
		w += cw;
		start = b;
	}
	if (width)
		*width = w;
	return start;
}
