/* search_fold.c - folding text for search: case, Latin accents and
 * white space (search_fold), and the same over raw page XML for the
 * prefilter (search_fold_xml). Matching and ranking are in search.c. */
#include "config.h"

#include "search.h"
#include "search_fold.h"

#include <stdlib.h>
#include <string.h>

#include "beneath.h"
#include "loader.h"
#include "utf8.h"

/* Base letters of U+00C0-00FF, lower case; "" marks the two that are not
 * letters (multiplication and division signs: kept as they are) and the
 * ligatures and thorn get their usual two-letter spelling. */
static const char *const latin1_fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

/* Base letters of Latin Extended-A, U+0100-017F, one a code point; '2'
 * marks the two ligatures (U+0132-0133 ij, U+0152-0153 oe). */
static const char latin_a_fold[] =
	"aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "22" "jj" "kkk"
	"llllllllll" "nnnnnnnnn" "oooooo" "22" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
	"ww" "yyy" "zzzzzz" "s";

_Static_assert(sizeof latin_a_fold - 1 == 0x80, "one letter for each of U+0100-017F");

int search_is_space(uint32_t cp)
{
	return cp == ' ' || (cp < 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

size_t search_fold_cp(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	if (cp >= 0xC0 && cp <= 0xFF && latin1_fold[cp - 0xC0][0]) {
		const char *f = latin1_fold[cp - 0xC0];
		size_t n = strlen(f);
		memcpy(out, f, n);
		return n;
	}
	if (cp >= 0x100 && cp <= 0x17F) {
		char c = latin_a_fold[cp - 0x100];
		if (c != '2') {
			out[0] = c;
			return 1;
		}
		memcpy(out, cp < 0x140 ? "ij" : "oe", 2);
		return 2;
	}
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F))
		return 0;
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201B: case 0x2032:
		out[0] = '\'';
		return 1;
	case 0x201C: case 0x201D: case 0x201F:
		out[0] = '"';
		return 1;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
		out[0] = '-';
		return 1;
	}
	/* Greek and Cyrillic capitals: lower case, so at least case is ignored */
	if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		cp += 0x20;
	else if (cp >= 0x400 && cp <= 0x40F)
		cp += 0x50;
	return utf8_encode(cp, out);
}

void search_fold(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && c > ' ') {
			/* the common case, without decoding */
			size_t j = i;
			while (j < n && (unsigned char)s[j] < 0x80 && (unsigned char)s[j] > ' ')
				j++;
			size_t old = out->len;
			buf_add(out, s + i, j - i);
			for (char *p = out->s + old; p < out->s + out->len; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p + 32);
			i = j;
			continue;
		}
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (search_is_space(cp)) {
			/* a run of white space is one space; none at the start */
			if (out->len && out->s[out->len - 1] != ' ' && out->s[out->len - 1] != '\n')
				buf_addc(out, ' ');
			continue;
		}
		char f[4];
		size_t fl = search_fold_cp(cp, f);
		if (fl)
			buf_add(out, f, fl);
	}
}

static size_t xml_entity(const char *s, size_t n, uint32_t *cp)
{
	static const struct { const char *name; char c; } named[] = {
		{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''},
	};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		size_t l = strlen(named[i].name);
		if (n > l && memcmp(s + 1, named[i].name, l) == 0) {
			*cp = (uint32_t)named[i].c;
			return l + 1;
		}
	}
	if (n > 3 && s[1] == '#') {
		int hex = s[2] == 'x';
		uint32_t v = 0;
		size_t i = hex ? 3 : 2;
		for (; i < n && i < 12 && s[i] != ';'; i++) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0'
				: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
				: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (i < n && s[i] == ';' && v <= 0x10FFFF) {
			*cp = v;
			return i + 1;
		}
	}
	*cp = '&';
	return 1;
}

/* Appends cp folded to out (room reserved by the caller), collapsing
 * white space. */
static void put_folded(struct buf *out, uint32_t cp)
{
	if (search_is_space(cp)) {
		if (out->len && out->s[out->len - 1] != ' ')
			out->s[out->len++] = ' ';
		return;
	}
	out->len += search_fold_cp(cp, out->s + out->len);
}

/* Folds n bytes of raw page XML: text into out, attribute values into
 * attrs. Both must have room for n more bytes: no character folds to
 * more bytes than it takes in UTF-8 or as an entity. */
void search_fold_xml(const char *s, size_t n, struct buf *out, struct buf *attrs)
{
	static unsigned char lower[128];
	if (!lower['A'])
		for (int c = 0; c < 128; c++)
			lower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && c != '<' && c != '&') {
			/* plain ASCII text, the bulk: a run at a time, through a
			 * local pointer (stores through out->s could alias out->len) */
			char *o = out->s + out->len;
			while (i < n) {
				c = (unsigned char)s[i];
				if (c >= 0x80 || c == '<' || c == '&')
					break;
				if (c <= ' ') {
					if (o > out->s && o[-1] != ' ')
						*o++ = ' ';
				} else {
					*o++ = (char)lower[c];
				}
				i++;
			}
			out->len = (size_t)(o - out->s);
			continue;
		}
		if (c == '<') {
			const char *end;
			if (n - i > 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
				end = memmem(s + i + 9, n - i - 9, "]]>", 3);
				size_t stop = end ? (size_t)(end - s) : n;
				for (i += 9; i < stop;) {
					uint32_t cp;
					i += utf8_decode(s + i, stop - i, &cp);
					put_folded(out, cp);
				}
				i = end ? stop + 3 : n;
				continue;
			}
			if (n - i > 4 && memcmp(s + i, "<!--", 4) == 0) {
				end = memmem(s + i + 4, n - i - 4, "-->", 3);
				i = end ? (size_t)(end - s) + 3 : n;
				continue;
			}
			/* a tag: its attribute values go to attrs */
			i++;
			while (i < n && s[i] != '>') {
				if (s[i] == '"' || s[i] == '\'') {
					char q = s[i++];
					while (i < n && s[i] != q) {
						uint32_t cp;
						i += s[i] == '&' ? xml_entity(s + i, n - i, &cp)
								 : utf8_decode(s + i, n - i, &cp);
						put_folded(attrs, cp);
					}
					put_folded(attrs, ' ');
				}
				i++;
			}
			i++;
			continue;
		}
		uint32_t cp;
		i += c == '&' ? xml_entity(s + i, n - i, &cp) : utf8_decode(s + i, n - i, &cp);
		put_folded(out, cp);
	}
}

int search_fold_file(const char *dir, const char *rel, struct buf *raw, struct buf *text)
{
	struct err e;
	raw->len = 0;
	int rc = beneath_read(dir, rel, LOADER_MAX_FILE, raw, &e);
	if (rc < 0 || raw->len < 2)
		return -1;
	/* the store keeps its files as served, gzip: inflated as the loader
	 * does, under its cap (a small file may be a bomb) */
	if (loader_is_gzip(raw->s, raw->len)) {
		char *plain;
		size_t n;
		if (loader_inflate(rel, raw->s, raw->len, &plain, &n, &e) < 0)
			return -1;
		buf_free(raw);
		raw->s = plain;
		raw->len = n;
		raw->cap = n;
		if (n < 2)
			return -1;
	}
	const char *decl_end = memchr(raw->s, '>', raw->len < 200 ? raw->len : 200);
	if (raw->len > 5 && memcmp(raw->s, "<?xml", 5) == 0 && decl_end) {
		const char *enc = memmem(raw->s, (size_t)(decl_end - raw->s), "encoding", 8);
		if (enc && !memmem(enc, (size_t)(decl_end - enc), "UTF-8", 5) &&
		    !memmem(enc, (size_t)(decl_end - enc), "utf-8", 5))
			return -1;
	}
	struct buf attrs = {0};
	text->len = 0;
	text->s = xgrow(text->s, &text->cap, raw->len + 2, 1);
	attrs.s = xgrow(attrs.s, &attrs.cap, raw->len + 2, 1);
	search_fold_xml(raw->s, raw->len, text, &attrs);
	text->s[text->len++] = '\n';
	memcpy(text->s + text->len, attrs.s, attrs.len);
	text->len += attrs.len;
	text->s[text->len] = '\0';
	buf_free(&attrs);
	return 0;
}
