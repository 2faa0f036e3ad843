/* fuzz_search.c - folding, query parsing, line matches and snippets on
 * random queries and text.
 *
 * Input: byte 0 picks the snippet width (1..128; search_snippet makes
 * less than 10 into 10) and ASCII mode; then the query, up to the first
 * NUL and at most 255 bytes (the prompt's buffer holds no more); the
 * rest is the text, any bytes. Checked:
 *  - search_fold: valid UTF-8 out whatever comes in, no leading space
 *    nor two spaces in a row, idempotent, and folding a string in two
 *    pieces (cut between characters) appends what folding it whole gives
 *    (the search folds a page span by span);
 *  - search_parse: at most one term for every two bytes of the query,
 *    each non-empty, NUL-free, valid UTF-8, already folded, with no space
 *    at either end;
 *  - search_line on the whole text: hits left to right, not overlapping,
 *    inside the text, starting and ending between characters (as
 *    utf8_decode cuts the text), each folding to a term and more; with a
 *    `max` it gives the first `max` of them; no hit only when no term
 *    occurs in the folded text (unless a letter folds to two, where a
 *    term may start in the middle of one: "e" in "ae" from U+00E6);
 *  - search_snippet on a page whose blocks are the text's NUL-separated
 *    pieces (the first byte of each says what it is, as in
 *    fuzz_layout): at most the width, no control character, valid UTF-8
 *    (printable ASCII only in ASCII mode), hits as for search_line and
 *    inside it, the snippet a piece of the matching block's text between
 *    ellipses, and a match that fits in it shown in it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "model.h"
#include "search.h"
#include "utf8.h"
#include "util.h"

#define QUERY_MAX 255

static int valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && l == 1)
			return 0;
		i += l;
	}
	return 1;
}

/* at[i] is 1 when byte i of s starts a character as utf8_decode cuts s
 * (and at n, its end); the caller frees it. */
static unsigned char *boundaries(const char *s, size_t n)
{
	unsigned char *at = xcalloc(n + 1, 1);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		at[i] = 1;
		i += utf8_decode(s + i, n - i, &cp);
	}
	at[n] = 1;
	return at;
}

/* Whether s holds a letter that folds to two (æ, þ, ß, ĳ, œ). */
static int has_double_fold(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == 0xC6 || cp == 0xE6 || cp == 0xDE || cp == 0xFE || cp == 0xDF ||
		    cp == 0x132 || cp == 0x133 || cp == 0x152 || cp == 0x153)
			return 1;
	}
	return 0;
}

static void check_fold(const char *s, size_t n, const char *what)
{
	struct buf f = {0}, ff = {0}, two = {0};
	search_fold(s, n, &f);
	if (!valid_utf8(f.s, f.len))
		fuzz_fail("%s: search_fold gives invalid UTF-8", what);
	if (f.len && f.s[0] == ' ')
		fuzz_fail("%s: search_fold starts with a space", what);
	if (f.len && memmem(f.s, f.len, "  ", 2))
		fuzz_fail("%s: search_fold gives two spaces in a row", what);
	search_fold(f.s ? f.s : "", f.len, &ff);
	if (ff.len != f.len || (f.len && memcmp(f.s, ff.s, f.len) != 0))
		fuzz_fail("%s: search_fold is not idempotent (%zu bytes, then %zu)", what, f.len,
			  ff.len);
	/* in two pieces, cut at the character boundary nearest the middle */
	size_t cut = n / 2;
	unsigned char *at = boundaries(s, n);
	while (!at[cut])
		cut--;
	free(at);
	search_fold(s, cut, &two);
	search_fold(s + cut, n - cut, &two);
	if (two.len != f.len || (f.len && memcmp(f.s, two.s, f.len) != 0))
		fuzz_fail("%s: search_fold in two pieces (cut at %zu) differs from whole", what,
			  cut);
	buf_free(&f);
	buf_free(&ff);
	buf_free(&two);
}

static void check_query(const char *q, const struct search_query *sq, size_t nterms)
{
	size_t qlen = strlen(q);
	if (nterms != sq->nterms)
		fuzz_fail("search_parse returns %zu but has %zu terms", nterms, sq->nterms);
	if (nterms > (qlen + 1) / 2)
		fuzz_fail("search_parse: %zu terms from %zu bytes", nterms, qlen);
	for (size_t t = 0; t < nterms; t++) {
		const struct search_term *st = &sq->terms[t];
		if (!st->len || strlen(st->text) != st->len)
			fuzz_fail("search_parse: term %zu: len %zu, strlen %zu", t, st->len,
				  strlen(st->text));
		if (!valid_utf8(st->text, st->len))
			fuzz_fail("search_parse: term %zu is not valid UTF-8", t);
		if (st->text[0] == ' ' || st->text[st->len - 1] == ' ')
			fuzz_fail("search_parse: term %zu has a space at an end", t);
		struct buf f = {0};
		search_fold(st->text, st->len, &f);
		if (f.len != st->len || memcmp(f.s, st->text, f.len) != 0)
			fuzz_fail("search_parse: term %zu is not folded", t);
		buf_free(&f);
	}
}

/* The checks every list of hits in s[0..n) must pass; `what` names it. */
static void check_hits(const struct search_query *q, const char *s, size_t n,
		       const struct search_hit *h, size_t nh, const char *what)
{
	unsigned char *at = boundaries(s, n);
	size_t prev = 0;
	for (size_t i = 0; i < nh; i++) {
		if (!h[i].len || h[i].off > n || h[i].len > n - h[i].off)
			fuzz_fail("%s: hit %zu [%zu, +%zu) is empty or outside [0, %zu)", what, i,
				  h[i].off, h[i].len, n);
		if (h[i].off < prev)
			fuzz_fail("%s: hit %zu at %zu, before the end of the last one (%zu)", what,
				  i, h[i].off, prev);
		if (!at[h[i].off] || !at[h[i].off + h[i].len])
			fuzz_fail("%s: hit %zu [%zu, +%zu) cuts a character", what, i, h[i].off,
				  h[i].len);
		prev = h[i].off + h[i].len;
		/* what it matched folds to a term, perhaps with more after
		 * (a hit may end in the middle of a letter's fold: "s" in ß) */
		struct buf f = {0};
		search_fold(s + h[i].off, h[i].len, &f);
		size_t t = 0;
		while (t < q->nterms && !(f.len >= q->terms[t].len &&
					  memcmp(f.s, q->terms[t].text, q->terms[t].len) == 0))
			t++;
		if (t == q->nterms)
			fuzz_fail("%s: hit %zu [%zu, +%zu) folds to no term", what, i, h[i].off,
				  h[i].len);
		buf_free(&f);
	}
	free(at);
}

static void check_line(const struct search_query *q, const char *s, size_t n)
{
	struct search_hit *h = NULL, *hm = NULL;
	size_t cap = 0, mcap = 0;
	size_t nh = search_line(q, s, n, &h, &cap, 0);
	if (nh > cap)
		fuzz_fail("search_line: %zu hits in room for %zu", nh, cap);
	if (nh && !q->nterms)
		fuzz_fail("search_line: %zu hits without a term", nh);
	check_hits(q, s, n, h, nh, "search_line");
	size_t maxes[2] = {1, nh > 1 ? nh - 1 : 1};
	for (int m = 0; m < 2; m++) {
		size_t want = nh < maxes[m] ? nh : maxes[m];
		size_t got = search_line(q, s, n, &hm, &mcap, maxes[m]);
		if (got != want || (got && memcmp(hm, h, got * sizeof *h) != 0))
			fuzz_fail("search_line with max %zu: %zu hits, not the first %zu of %zu",
				  maxes[m], got, want, nh);
	}
	if (!nh && !has_double_fold(s, n)) {
		struct buf f = {0};
		search_fold(s, n, &f);
		for (size_t t = 0; t < q->nterms; t++)
			if (f.len && memmem(f.s, f.len, q->terms[t].text, q->terms[t].len))
				fuzz_fail("search_line: no hit, but term %zu is in the folded text", t);
		buf_free(&f);
	}
	free(h);
	free(hm);
}

static int starts_with(const char *s, size_t n, const char *p)
{
	size_t l = strlen(p);
	return n >= l && memcmp(s, p, l) == 0;
}

static int ends_with(const char *s, size_t n, const char *p)
{
	size_t l = strlen(p);
	return n >= l && memcmp(s + n - l, p, l) == 0;
}

static void check_snippet(const struct page *p, const struct search_query *q, int cols,
			  int ascii)
{
	int flags = ascii ? LAYOUT_ASCII : 0;
	const char *ell = ascii ? "..." : "\xe2\x80\xa6";
	int ellw = ascii ? 3 : 1;
	int width = cols < 10 ? 10 : cols;

	/* the block the snippet must come from, and its first match */
	struct buf text = {0};
	struct search_hit *h = NULL;
	size_t hcap = 0;
	int found = 0;
	for (size_t i = 0; i < p->nblocks && !found; i++) {
		text.len = 0;
		search_block_text(&p->blocks[i], flags, &text);
		if (text.len && search_line(q, text.s, text.len, &h, &hcap, 1))
			found = 1;
	}
	if (!found) {
		text.len = 0;
		if (p->nblocks)
			search_block_text(&p->blocks[0], flags, &text);
	}
	int hitw = 0;
	if (found)
		for (size_t i = h[0].off; i < h[0].off + h[0].len;) {
			uint32_t cp;
			i += utf8_decode(text.s + i, h[0].off + h[0].len - i, &cp);
			int w = utf8_width(cp);
			hitw += w > 0 ? w : 0;
		}
	free(h);

	struct search_hit *sh = NULL;
	size_t nsh = 0;
	char *snip = search_snippet(p, q, cols, flags, &sh, &nsh);
	size_t sn = strlen(snip);
	fuzz_check_text(snip, sn, width, ascii, "search_snippet", 0);
	check_hits(q, snip, sn, sh, nsh, "search_snippet");

	/* the snippet is a piece of the text, perhaps between ellipses */
	const char *tx = text.s ? text.s : "";
	int ok = 0;
	for (int lead = 0; lead < 2 && !ok; lead++)
		for (int trail = 0; trail < 2 && !ok; trail++) {
			if ((lead && !starts_with(snip, sn, ell)) ||
			    (trail && !ends_with(snip, sn, ell)) ||
			    (lead && trail && sn < 2 * strlen(ell)))
				continue;
			const char *core = snip + (lead ? strlen(ell) : 0);
			size_t cn = sn - (lead ? strlen(ell) : 0) - (trail ? strlen(ell) : 0);
			if (!found && !lead)
				ok = cn <= text.len && memcmp(tx, core, cn) == 0;
			else if (found)
				ok = !cn || memmem(tx, text.len, core, cn);
		}
	if (!ok)
		fuzz_fail("search_snippet: '%s' is not a piece of the %s text", snip,
			  found ? "matching block's" : "first block's");
	/* the match, when it fits: it starts at most a third of the width
	 * (plus a wide character) after the leading ellipsis, and there
	 * must be room for the trailing one */
	if (found && !nsh && hitw <= width - 2 * ellw - width / 3 - 1)
		fuzz_fail("search_snippet: the match (%d columns) is not in '%s' (%d columns)",
			  hitw, snip, width);
	free(snip);
	free(sh);
	buf_free(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int cols = 1 + (data[0] & 0x7F);
	int ascii = data[0] >> 7;
	const char *s = (const char *)data + 1, *end = (const char *)data + size;
	const char *z = memchr(s, '\0', (size_t)(end - s));
	size_t qn = (size_t)((z ? z : end) - s);
	char *query = xstrndup(s, qn < QUERY_MAX ? qn : QUERY_MAX);
	const char *text = z ? z + 1 : end;
	size_t tn = (size_t)(end - text);

	check_fold(query, strlen(query), "query");
	check_fold(text, tn, "text");

	struct search_query q;
	size_t nterms = search_parse(query, &q);
	check_query(query, &q, nterms);
	check_line(&q, text, tn);

	struct page *p = page_new(PAGE_TEXT, "f", "Fuzz");
	p->loaded = 1;
	struct block *b = NULL;
	for (const char *t = text; t < end;) {
		const char *e = memchr(t, '\0', (size_t)(end - t));
		if (!e)
			e = end;
		if (e > t) {
			unsigned op = (unsigned char)*t;
			char *piece = xstrndup(t + 1, (size_t)(e - t - 1));
			switch (op % 5) {
			case 0: b = fuzz_new_block(p, BLOCK_PARA, 0, NULL); break;
			case 1: b = fuzz_new_block(p, BLOCK_HEADING, 0, NULL); break;
			case 2: b = fuzz_new_block(p, BLOCK_FIGURE, 0, xstrdup(piece)); break;
			case 3: b = fuzz_new_block(p, BLOCK_QUOTE, 0, xstrdup(piece)); break;
			default: break;
			}
			if (!b)
				b = fuzz_new_block(p, BLOCK_PARA, 0, NULL);
			fuzz_new_span(b, op & 8 ? SPAN_EM : SPAN_TEXT, piece);
		}
		t = e + 1;
	}
	check_snippet(p, &q, cols, ascii);
	page_free(p);
	search_query_free(&q);
	if (q.nterms || q.terms)
		fuzz_fail("search_query_free leaves %zu terms", q.nterms);
	free(query);
	return 0;
}
