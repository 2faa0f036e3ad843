/* fuzz_layout.c - the layout on random text at random widths.
 *
 * Input: byte 0 picks the width (20..200) and ASCII mode; the rest is
 * split at NUL bytes into pieces (text comes from C strings, so it never
 * holds a NUL). The first byte of each piece says what it is: a new
 * block of some kind, or a text, emphasis or link span of the current
 * block; the rest of the piece is its text, as the parser would pass it
 * through (any bytes, any control characters, invalid UTF-8). Every
 * line must fit the width and hold no control character: see
 * fuzz_check_layout. layout_para (breadcrumbs, messages) is checked on
 * the whole text as well. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "model.h"
#include "util.h"

/* A span of the fuzzer's kind; a link goes to a page or, for odd first
 * bytes, to an address holding an escape sequence. */
static void new_span(struct block *b, enum span_kind kind, char *text)
{
	struct span *sp = fuzz_new_span(b, kind, text);
	if (kind == SPAN_LINK) {
		if (text[0] & 1)
			sp->href = xstrdup("https://www.iom.int/\x1b[2J");
		else
			sp->page = xstrdup("other");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int width = 20 + data[0] % 181;
	int ascii = (data[0] / 181) & 1;
	const char *s = (const char *)data + 1, *end = (const char *)data + size;

	struct page *p = page_new(PAGE_TEXT, "f", "Fuzz");
	p->loaded = 1;
	struct block *b = NULL;
	int group = 0;
	while (s < end) {
		const char *z = memchr(s, '\0', (size_t)(end - s));
		if (!z)
			z = end;
		if (z > s) {
			unsigned op = (unsigned char)*s;
			char *text = xstrndup(s + 1, (size_t)(z - s - 1));
			switch (op % 8) {
			case 0: b = fuzz_new_block(p, BLOCK_HEADING, 0, NULL); break;
			case 1: b = fuzz_new_block(p, BLOCK_PARA, 0, NULL); break;
			case 2: b = fuzz_new_block(p, BLOCK_ITEM, group, NULL); break;
			case 3: b = fuzz_new_block(p, BLOCK_QUOTE, 0, op & 8 ? xstrdup(text) : NULL); break;
			case 4: b = fuzz_new_block(p, BLOCK_FIGURE, group, xstrdup(text)); break;
			case 5: group++; break;
			default: break;
			}
			if (!b)
				b = fuzz_new_block(p, BLOCK_PARA, 0, NULL);
			new_span(b, op % 8 == 6 ? SPAN_LINK : op % 8 == 7 ? SPAN_EM : SPAN_TEXT, text);
		}
		s = z + 1;
	}

	struct layout *l = layout_page(p, width, ascii ? LAYOUT_ASCII : 0);
	fuzz_check_layout(l, width, ascii, "layout_page");
	layout_free(l);

	char *all = xstrndup((const char *)data + 1, size - 1);
	l = layout_para(all, width, ascii ? LAYOUT_ASCII : 0);
	fuzz_check_layout(l, width, ascii, "layout_para");
	layout_free(l);
	free(all);
	page_free(p);
	return 0;
}
