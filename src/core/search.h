/* search.h - finding words across pages and within a line.
 *
 * Matching ignores case and accents for Latin scripts: both the query and
 * the text are folded (search_fold) to lower case without diacritics
 * (precomposed Latin-1 and Latin Extended-A letters map to their base
 * letters, combining marks U+0300-036F are dropped, runs of white space
 * become one space, curly apostrophes become '). A query is words and
 * "quoted phrases"; a page matches when every one of them occurs in its
 * title or its text (as a substring, like grep -i). Core code: no curses. */
#ifndef IDM_SEARCH_H
#define IDM_SEARCH_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* One word or phrase of a query, folded. */
struct search_term {
	char *text;
	size_t len;
};

struct search_query {
	struct search_term *terms;
	size_t nterms;
};

/* A match in a string: bytes [off, off + len) of the original text. */
struct search_hit {
	size_t off, len;
};

struct search_result {
	struct page *page;
	double score;
	char *snippet;            /* sanitised text around the first match */
	struct search_hit *hits;  /* matches within the snippet */
	size_t nhits;
};

struct search_results {
	struct search_result *v;  /* best first */
	size_t n, cap;
	size_t scanned;           /* pages searched */
	size_t failed;            /* pages that would not load (skipped) */
	struct err first_error;   /* the first of those, for a message */
	int no_index;             /* the full-text index could not be used: */
	struct err index_error;   /* why (every file was read instead) */
};

/* Appends the text of a block as the reader sees it, sanitised (flags as
 * for layout_sanitize): its spans, then the quote's source, or before
 * them the figure's value. Snippets are cut from it. */
void search_block_text(const struct block *b, int flags, struct buf *out);

/* Appends the folded form of n bytes of UTF-8 to out. */
void search_fold(const char *s, size_t n, struct buf *out);

/* Parses a query: words separated by white space, "phrases" in double
 * quotes (an unclosed quote runs to the end). Returns the number of terms
 * (0 for a blank query); free with search_query_free. */
size_t search_parse(const char *q, struct search_query *out);
void search_query_free(struct search_query *q);

/* Every match of any term of q in n bytes of text (a layout line, say),
 * left to right, not overlapping. Fills *hits (grown with xgrow from
 * *cap) and returns how many; at most `max` (0: no limit). */
size_t search_line(const struct search_query *q, const char *s, size_t n,
		   struct search_hit **hits, size_t *cap, size_t max);

/* Searches every page of the site for q. Pages are loaded as needed; a
 * page this call loaded is unloaded again unless it is `keep`, so memory
 * stays that of the pages already open. A page that does not load is
 * skipped and counted in out->failed. Results are ranked by the index's
 * bm25, the title weighted above the text (index_rank.h), or without an
 * index by a small tf-idf (title matches above text matches, rarer terms
 * above common ones); ties in index order; each gets a snippet of at most `cols` columns (flags as
 * for layout_sanitize). */
void search_site(struct site *s, const struct search_query *q, const struct page *keep,
		 int cols, int flags, struct search_results *out);
void search_results_free(struct search_results *r);

/* The snippet of a loaded page for q, at most `cols` columns (cols below
 * 10 count as 10): the text around its first match in the body (its
 * beginning when only the title matches), the whole match in it when it
 * fits. Returns a new string; hits within it go to hits and nhits. */
char *search_snippet(const struct page *p, const struct search_query *q, int cols, int flags,
		     struct search_hit **hits, size_t *nhits);

#endif
