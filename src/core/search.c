/* search.c - see search.h. */
#include "config.h"

#include "search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "layout.h"
#include "loader.h"
#include "search_fold.h"
#include "utf8.h"

size_t search_parse(const char *q, struct search_query *out)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0;
	const char *p = q;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		const char *start, *end;
		if (*p == '"') {
			start = ++p;
			while (*p && *p != '"')
				p++;
			end = p;
			if (*p)
				p++;
		} else {
			start = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '"')
				p++;
			end = p;
		}
		struct buf b = {0};
		search_fold(start, (size_t)(end - start), &b);
		while (b.len && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
		if (!b.len) {
			buf_free(&b);
			continue;
		}
		out->terms = xgrow(out->terms, &cap, out->nterms + 1, sizeof *out->terms);
		out->terms[out->nterms].len = b.len;
		out->terms[out->nterms++].text = buf_take(&b);
	}
	return out->nterms;
}

void search_query_free(struct search_query *q)
{
	for (size_t i = 0; i < q->nterms; i++)
		free(q->terms[i].text);
	free(q->terms);
	q->terms = NULL;
	q->nterms = 0;
}

/* Whether term t matches the text at s[pos], folding as it goes; returns
 * the end of the match in s, or 0. Folds exactly as search_fold does, so
 * a line and a page's folded text agree on what matches. */
static size_t match_at(const char *s, size_t n, size_t pos, const struct search_term *t)
{
	size_t k = 0;
	int in_space = 0;
	while (pos < n && k < t->len) {
		uint32_t cp;
		size_t len = utf8_decode(s + pos, n - pos, &cp);
		pos += len;
		if (search_is_space(cp)) {
			if (in_space)
				continue;
			in_space = 1;
			if (t->text[k] != ' ')
				return 0;
			k++;
			continue;
		}
		char f[4];
		size_t fl = search_fold_cp(cp, f);
		if (!fl)
			continue;
		in_space = 0;
		for (size_t i = 0; i < fl && k < t->len; i++, k++)
			if (f[i] != t->text[k])
				return 0;
	}
	return k == t->len ? pos : 0;
}

size_t search_line(const struct search_query *q, const char *s, size_t n,
		   struct search_hit **hits, size_t *cap, size_t max)
{
	size_t nh = 0, pos = 0;
	while (pos < n && (!max || nh < max)) {
		unsigned char c = (unsigned char)s[pos];
		size_t end = 0;
		for (size_t t = 0; t < q->nterms && !end; t++) {
			/* an ASCII byte folds to itself or its lower case: most
			 * positions are rejected here without decoding */
			if (c < 0x80) {
				char lc = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				if (lc != q->terms[t].text[0] && !(c <= ' ' && q->terms[t].text[0] == ' '))
					continue;
			}
			end = match_at(s, n, pos, &q->terms[t]);
		}
		if (end) {
			*hits = xgrow(*hits, cap, nh + 1, sizeof **hits);
			(*hits)[nh++] = (struct search_hit){pos, end - pos};
			pos = end;
			continue;
		}
		uint32_t cp;
		pos += utf8_decode(s + pos, n - pos, &cp);
	}
	return nh;
}

void search_block_text(const struct block *b, int flags, struct buf *out)
{
	int space = 1;
	if (b->kind == BLOCK_FIGURE && b->extra) {
		layout_sanitize(b->extra, strlen(b->extra), flags, &space, out);
		layout_sanitize(" ", 1, flags, &space, out);
	}
	for (size_t i = 0; i < b->nspans; i++)
		layout_sanitize(b->spans[i].text, strlen(b->spans[i].text), flags, &space, out);
	if (b->kind == BLOCK_QUOTE && b->extra) {
		layout_sanitize(" \xe2\x80\x94 ", 5, flags, &space, out);
		layout_sanitize(b->extra, strlen(b->extra), flags, &space, out);
	}
	while (out->len && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
}

/* Folded body of a page, blocks separated by '\n' so that no phrase
 * runs from one block into the next. Straight from the model, without
 * sanitising first: the scan must be cheap, and folding already maps
 * every control character to a space. */
static void page_fold(const struct page *p, struct buf *out)
{
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct block *b = &p->blocks[i];
		if (b->kind == BLOCK_FIGURE && b->extra) {
			search_fold(b->extra, strlen(b->extra), out);
			buf_addc(out, ' ');
		}
		for (size_t j = 0; j < b->nspans; j++)
			search_fold(b->spans[j].text, strlen(b->spans[j].text), out);
		if (b->kind == BLOCK_QUOTE && b->extra) {
			buf_addc(out, ' ');
			search_fold(b->extra, strlen(b->extra), out);
		}
		buf_addc(out, '\n');
	}
}

static size_t count(const char *hay, size_t n, const struct search_term *t)
{
	size_t c = 0;
	const char *p = hay, *end = hay + n;
	while (p < end && (p = memmem(p, (size_t)(end - p), t->text, t->len))) {
		c++;
		p += t->len;
	}
	return c;
}

/* Columns of the code point at s, 0 for what has no width. */
static int cp_width(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	*len = utf8_decode(s, n, &cp);
	int w = utf8_width(cp);
	return w < 0 ? 0 : w;
}

/* Long because the cut is one computation over the same text and
 * offsets: find the first match, start before it at a word, widen to
 * hold the whole match, end at a word boundary, add the ellipses. */
char *search_snippet(const struct page *p, const struct search_query *q, int cols, int flags,
		     struct search_hit **hits, size_t *nhits)
{
	struct buf text = {0};
	struct search_hit *h = NULL;
	size_t hcap = 0, at = 0, alen = 0;
	int found = 0;
	for (size_t i = 0; i < p->nblocks && !found; i++) {
		text.len = 0;
		search_block_text(&p->blocks[i], flags, &text);
		if (text.len && search_line(q, text.s, text.len, &h, &hcap, 1)) {
			found = 1;
			at = h[0].off;
			alen = h[0].len;
		}
	}
	if (!found) {
		/* only the title matches: the page's first words */
		text.len = 0;
		if (p->nblocks)
			search_block_text(&p->blocks[0], flags, &text);
	}
	const char *s = text.s ? text.s : "";
	size_t n = text.len;
	const char *ell = (flags & LAYOUT_ASCII) ? "..." : "\xe2\x80\xa6";
	int ellw = (flags & LAYOUT_ASCII) ? 3 : 1;
	if (cols < 10)
		cols = 10;

	/* start up to a third of the width before the match, at a word */
	size_t start = at;
	int back = 0;
	while (start > 0 && back < cols / 3) {
		size_t b = start - 1;
		while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		size_t len;
		back += cp_width(s + b, n - b, &len);
		start = b;
	}
	if (start > 0) {
		size_t sp = start;
		while (sp < at && s[sp] != ' ')
			sp++;
		if (sp < at)
			start = sp + 1;
	}
	struct buf out = {0};
	int w = 0;
	if (start > 0) {
		buf_adds(&out, ell);
		w += ellw;
	}
	size_t i = start;
	while (i < n) {
		size_t len;
		int cw = cp_width(s + i, n - i, &len);
		if (w + cw > cols - ellw && i + len < n)
			break;
		if (w + cw > cols)
			break;
		buf_add(&out, s + i, len);
		w += cw;
		i += len;
	}
	if (i < n) {
		/* cut at the last word boundary, when there is one near and it
		 * is after the match (a phrase has spaces; a word after
		 * multi-byte text can start past half the bytes): the snippet
		 * is there to show the match */
		size_t mend = at + alen <= i ? (start > 0 ? strlen(ell) : 0) + at + alen - start : 0;
		size_t keep = out.len;
		while (keep > 0 && out.s[keep - 1] != ' ')
			keep--;
		if (keep > out.len / 2 && keep >= mend)
			out.len = keep;
		while (out.len && out.s[out.len - 1] == ' ')
			out.len--;
		buf_adds(&out, ell); /* terminates the cut text too */
	}
	buf_free(&text);
	char *snip = buf_take(&out);
	*nhits = search_line(q, snip, strlen(snip), &h, &hcap, 0);
	*hits = h;
	return snip;
}

/* --- the raw-text prefilter ---
 *
 * Parsing and validating every page costs many times what reading its
 * bytes does, so a page that is not loaded is first read as bytes and
 * folded with its markup dropped. A page is parsed only when every word
 * of the query occurs in that text or its title. The text is a superset
 * of what the loaded page shows: tags are dropped (so a word split by
 * inline markup stays whole), entities decoded, attribute values
 * appended after it; matching is by substring, so words run together
 * across a dropped tag still match. Phrases are checked word by word
 * here, then exactly on the loaded page. */

/* Whether page p may hold every word of q (1), or surely does not (0);
 * `maybe` then tells for each term whether it occurs in the raw text, for
 * the ranking's document frequencies. A file that cannot be read this
 * way (missing, compressed, another encoding) is a candidate: loading it
 * says what is wrong with it. */
static int prefilter(const struct site *s, const struct page *p, const struct search_query *q,
		     const struct buf *title, struct buf *raw, struct buf *text,
		     unsigned char *maybe)
{
	int rc = search_fold_file(s->dir, p->file, raw, text);
	if (rc < 0)
		return 1;
	int all = 1;
	for (size_t t = 0; t < q->nterms; t++) {
		const struct search_term *term = &q->terms[t];
		int in_title = title->len && memmem(title->s, title->len, term->text, term->len);
		maybe[t] = in_title || memmem(text->s, text->len, term->text, term->len);
		if (maybe[t] || in_title)
			continue;
		/* a phrase may be cut by markup here: its words one by one */
		const char *w = term->text, *end = term->text + term->len;
		while (w < end && all) {
			const char *sp = memchr(w, ' ', (size_t)(end - w));
			size_t wl = (size_t)((sp ? sp : end) - w);
			if (!memmem(text->s, text->len, w, wl) &&
			    !(title->len && memmem(title->s, title->len, w, wl)))
				all = 0;
			w += wl + 1;
		}
	}
	return all;
}

/* --- the index ---
 *
 * When the content's full-text index opens (index.h), it replaces the
 * prefilter: per term, the set of files whose folded text holds it, asked
 * once per search instead of reading every file. Same superset, same
 * exact check on the loaded page after it. */
struct ixq {
	struct index *ix;         /* NULL: no index, prefilter instead */
	struct index_set *sets;   /* per term */
	struct index_set skipped; /* files the index holds no text of */
	struct index_rank rank;   /* bm25 of the files, when `ranked` */
	int ranked;
};

static void ixq_open(struct ixq *x, const struct site *s, const struct search_query *q,
		     struct search_results *out)
{
	memset(x, 0, sizeof *x);
	struct err e = {0};
	x->ix = index_open(s->dir, &e);
	if (!x->ix) {
		/* asked not to use one: nothing to say */
		if (!getenv("IDMVIEW_NO_INDEX")) {
			out->no_index = 1;
			out->index_error = e;
		}
		return;
	}
	x->sets = xcalloc(q->nterms, sizeof *x->sets);
	int rc = index_skipped(x->ix, &x->skipped);
	for (size_t t = 0; t < q->nterms && rc == 0; t++)
		rc = index_term(x->ix, &q->terms[t], &x->sets[t]);
	/* a ranking that fails leaves the order to scan_score */
	x->ranked = rc == 0 && index_rank(x->ix, q, &x->rank) == 0;
	if (rc < 0) {
		/* a damaged index: this search scans, the next rebuilds */
		for (size_t t = 0; t < q->nterms; t++)
			index_set_free(&x->sets[t]);
		free(x->sets);
		index_set_free(&x->skipped);
		index_close(x->ix);
		memset(x, 0, sizeof *x);
	}
}

static void ixq_close(struct ixq *x, size_t nterms)
{
	if (!x->ix)
		return;
	for (size_t t = 0; t < nterms; t++)
		index_set_free(&x->sets[t]);
	free(x->sets);
	index_set_free(&x->skipped);
	index_rank_free(&x->rank);
	index_close(x->ix);
}

/* prefilter's answer for page p from the index. */
static int ixq_maybe(const struct ixq *x, const struct page *p, const struct search_query *q,
		     const struct buf *title, unsigned char *maybe)
{
	if (strchr(p->file, '/') || index_set_has(&x->skipped, p->file))
		return 1;
	int all = 1;
	for (size_t t = 0; t < q->nterms; t++) {
		const struct search_term *term = &q->terms[t];
		int in_title = title->len && memmem(title->s, title->len, term->text, term->len);
		maybe[t] = in_title || index_set_has(&x->sets[t], p->file);
		/* a phrase whose words are shared between title and text: the
		 * loaded page decides */
		if (!maybe[t] && !memchr(term->text, ' ', term->len))
			all = 0;
	}
	return all;
}

/* A page that has every term, with what the ranking needs. */
struct cand {
	struct page *page;
	size_t index;
	size_t *tf;        /* per term: matches in the text */
	unsigned char *in_title;
	char *snippet;
	struct search_hit *hits;
	size_t nhits;
	double score;
};

/* The score of a candidate without the index (IDMVIEW_NO_INDEX, no
 * cache): the scan has no bm25 to ask, so a small tf-idf over what it
 * read stands in: a rare term weighs more, a title match outweighs any
 * plausible number of matches in the text. df: pages holding each term
 * among the npages read. */
static double scan_score(const struct cand *c, size_t nt, const size_t *df, double npages)
{
	double score = 0;
	for (size_t t = 0; t < nt; t++) {
		double idf = log(1.0 + npages / (double)(df[t] ? df[t] : 1));
		if (c->in_title[t])
			score += 20.0 * idf;
		if (c->tf[t])
			score += idf * (1.0 + log((double)c->tf[t]));
	}
	return score;
}

/* Best first; equal scores in index order (qsort alone is not stable). */
static int by_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Long because one loop over the pages keeps three things in step:
 * loading and unloading (memory stays that of the open pages), the
 * document frequencies the ranking needs, and the candidates. */
void search_site(struct site *s, const struct search_query *q, const struct page *keep,
		 int cols, int flags, struct search_results *out)
{
	memset(out, 0, sizeof *out);
	if (!q->nterms)
		return;
	size_t nt = q->nterms;
	size_t *df = xcalloc(nt, sizeof *df);
	size_t *tf = xcalloc(nt, sizeof *tf);
	unsigned char *tt = xcalloc(nt, 1);
	struct cand *c = NULL;
	size_t nc = 0, ccap = 0;
	struct buf body = {0}, title = {0}, raw = {0};
	struct ixq x;
	ixq_open(&x, s, q, out);

	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		int was_loaded = p->loaded;
		title.len = 0;
		search_fold(p->title, strlen(p->title), &title);
		if (p->kind == PAGE_TEXT && !p->loaded &&
		    !(x.ix ? ixq_maybe(&x, p, q, &title, tt)
			   : prefilter(s, p, q, &title, &raw, &body, tt))) {
			out->scanned++;
			for (size_t t = 0; t < nt; t++)
				df[t] += tt[t];
			continue;
		}
		if (p->kind == PAGE_TEXT && !p->loaded) {
			struct err e = {0};
			if (loader_load_page(s, p, &e) < 0) {
				if (!out->failed++)
					out->first_error = e;
				continue;
			}
		}
		out->scanned++;
		body.len = 0;
		page_fold(p, &body);
		int all = 1;
		for (size_t t = 0; t < nt; t++) {
			tt[t] = title.len && memmem(title.s, title.len, q->terms[t].text, q->terms[t].len);
			tf[t] = body.len ? count(body.s, body.len, &q->terms[t]) : 0;
			if (tt[t] || tf[t])
				df[t]++;
			else
				all = 0;
		}
		if (all) {
			c = xgrow(c, &ccap, nc + 1, sizeof *c);
			struct cand *k = &c[nc++];
			k->page = p;
			k->index = i;
			k->tf = xmalloc(nt * sizeof *k->tf);
			memcpy(k->tf, tf, nt * sizeof *tf);
			k->in_title = xmalloc(nt);
			memcpy(k->in_title, tt, nt);
			k->snippet = search_snippet(p, q, cols, flags, &k->hits, &k->nhits);
		}
		if (!was_loaded && p != keep)
			page_unload(p);
	}

	double npages = (double)(out->scanned ? out->scanned : 1);
	for (size_t i = 0; i < nc; i++) {
		/* with the index, SQLite's bm25 (index_rank.h) */
		c[i].score = x.ranked ? index_rank_get(&x.rank, c[i].page)
				      : scan_score(&c[i], nt, df, npages);
		free(c[i].tf);
		free(c[i].in_title);
	}
	if (nc)
		qsort(c, nc, sizeof *c, by_score);
	out->v = xcalloc(nc ? nc : 1, sizeof *out->v);
	out->cap = nc ? nc : 1;
	for (size_t i = 0; i < nc; i++)
		out->v[out->n++] = (struct search_result){c[i].page, c[i].score, c[i].snippet,
							  c[i].hits, c[i].nhits};
	free(c);
	ixq_close(&x, nt);
	free(df);
	free(tf);
	free(tt);
	buf_free(&body);
	buf_free(&title);
	buf_free(&raw);
}

void search_results_free(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].snippet);
		free(r->v[i].hits);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}
