/* index_rank.h - ranking with SQLite's bm25 (private to the index module).
 *
 * The trigram table `fts` is contentless with detail='none': it answers
 * which files may hold a word, but FTS5's bm25 sees no occurrences in it
 * (measured on SQLite 3.40: 0.0 for every row, with detail='column' too;
 * a contentless table reports instances only with detail='full', which
 * for trigrams cost 2.06x the text against a goal of 0.6x). So a second
 * contentless table `words(title, body)` holds the same folded text cut
 * into words (unicode61), with positions (detail='full', 0.33x the raw
 * pages): bm25 over it, the title weighted INDEX_RANK_W_TITLE times a
 * word of the text, orders what the trigram table and search.c's exact
 * check found. A row's title is its page's title in the site index, in
 * the file's language. */
#ifndef IDM_INDEX_RANK_H
#define IDM_INDEX_RANK_H

#include <sqlite3.h>
#include <stddef.h>

#include "index.h"
#include "search.h"
#include "util.h"

/* A word of the title counts as this many words of the text. */
#define INDEX_RANK_W_TITLE 50.0

/* A menu has a title but no file: it is a row of `words` too, with a
 * negative row id, listed in `rank_menus` with the title it was indexed with
 * (so an update can take it out again). */
#define INDEX_RANK_TABLE                                                                   \
	"CREATE VIRTUAL TABLE words USING fts5(title, body, content='', detail='full',"   \
	" tokenize='unicode61 remove_diacritics 0');"                                     \
	"CREATE TABLE rank_menus(id INTEGER PRIMARY KEY, page TEXT, title TEXT);"

/* The folded title of every text file of a content directory, from its
 * site.xml (a translation's file has the translation's title), and of
 * every menu (its titles in every language, one after the other). */
struct index_titles {
	struct index_title *v; /* sorted by file */
	size_t n;
	struct index_title *menus; /* by page id, in the site's order */
	size_t nmenus;
};

/* The titles of site s, loaded by the caller (NULL: a site.xml that did
 * not load gives no titles; the rows then rank by their text alone). */
void index_titles_from(const struct site *s, struct index_titles *t);
/* index_titles_from dir's site.xml, read here. */
void index_titles_load(const char *dir, struct index_titles *t);
/* The folded title of file, "" when it has none. */
const char *index_titles_get(const struct index_titles *t, const char *file);
void index_titles_free(struct index_titles *t);

/* Puts the menus of t in db's words and rank_menus tables; 0 or -1. */
int index_rank_add_menus(sqlite3 *db, const struct index_titles *t);
/* Takes every menu out of them; 0 or -1. */
int index_rank_drop_menus(sqlite3 *db);

/* index_rank (index.h) on db; 0, or -1 when the query fails (out is
 * then empty): the query is always well formed, so the database is
 * damaged or not one this program made. */
int index_rank_query(sqlite3 *db, const struct search_query *q, struct index_rank *out);

#endif
