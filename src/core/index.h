/* index.h - the full-text index of a content directory (SQLite FTS5).
 *
 * Derived data, never sent over the wire: one SQLite database per content
 * directory, inside it when the updater built it with the version, beside
 * the bundled content when make built it (installed with it), else
 * in the XDG cache ($XDG_CACHE_HOME/idmview/, else
 * ~/.cache/idmview/), holding every page file's folded text (search_fold_file)
 * in an FTS5 table with the trigram tokenizer. Trigrams of folded text
 * match substrings exactly as search.c does, so the index answers "which
 * files may hold this word" as a superset of the old raw-text scan; the
 * exact match and snippet stay search.c's on the loaded pages. The
 * ranking is SQLite's bm25 over a second table of the same text cut into
 * words, with each page's title (index_rank.h).
 *
 * A database is trusted only when its schema version and the content's
 * identity (name, size, mtime and inode of every file of the directory)
 * match; otherwise it is rebuilt (into a temporary file renamed into
 * place), and when that fails the caller falls back to scanning. The
 * reader opens it read-only, defensive, with untrusted schema. */
#ifndef IDM_INDEX_H
#define IDM_INDEX_H

#include <stddef.h>

#include "search.h"
#include "util.h"

struct index;

/* The files (sorted) whose folded text holds a term's words; `all` when
 * the index cannot narrow it (every word shorter than 3 characters). */
struct index_set {
	char **files;
	size_t n;
	int all;
};

/* Opens the index of content directory dir from the cache, building it
 * first when missing, stale or damaged. NULL when there is none to use
 * (IDMVIEW_NO_INDEX set, cache not writable...): e says why. */
struct index *index_open(const char *dir, struct err *e);
void index_close(struct index *ix);

/* The cache directory of the indexes, made (0700) when missing: the only
 * place a confined kiosk's reader may write. A new string, or NULL with
 * e set (no XDG_CACHE_HOME nor HOME, or it cannot be made). */
char *index_cache_dir(struct err *e);

/* Fills out with the files that may hold term t (every word of a phrase).
 * Returns -1 when the database fails (it is then removed, to be rebuilt
 * next time): the caller scans instead. */
int index_term(struct index *ix, const struct search_term *t, struct index_set *out);
/* The bm25 score of each file whose words match any term of a query (a
 * word as a prefix, a phrase as a phrase), its title weighing more than
 * its text (see index_rank.h); higher is better. */
struct index_rank {
	struct index_score *v; /* sorted: files, then menus (by page id) */
	size_t n;
};

/* Fills out for q. -1 when the query fails (out is then empty: the
 * caller ranks without it; the database is removed as by index_term). */
int index_rank(struct index *ix, const struct search_query *q, struct index_rank *out);
/* The score of page p (its file, or the menu), 0 when no term matched
 * its words. */
double index_rank_get(const struct index_rank *r, const struct page *p);
void index_rank_free(struct index_rank *r);

/* The files of the directory the index holds no text of (bad gzip,
 * another encoding, unreadable): candidates for any query. */
int index_skipped(struct index *ix, struct index_set *out);
int index_set_has(const struct index_set *s, const char *file);
void index_set_free(struct index_set *s);

/* Builds the index of content directory dir inside it, as a dot file
 * index_open looks for first: the updater calls it on a verified version
 * before switching to it, so the version and its index go live together.
 * Returns 0, or -1 with e set (the reader then uses the cache). */
int index_build_beside(const char *dir, struct err *e);

/* index_build_beside for a new version dir whose previous version's
 * content is old (NULL: none): when old has its index, of this schema and
 * matching its files, dir's is made from a copy of it, re-indexing only
 * the files added, removed or changed (meta 'reindexed' says how many);
 * else in full. The same answers as a full build. 0, or -1 with e set. */
int index_build_beside_from(const char *dir, const char *old, struct err *e);

/* Builds the index of dir into the file at path (replacing it), with the
 * identity `id`. Returns 0, or -1 with e set. Exposed for tests/bench. */
int index_build(const char *dir, const char *path, const char *id, struct err *e);

/* A build that takes more than a moment (200 ms) calls fn(arg, done,
 * total) after every file, then once with done == total at its end (also
 * when it fails), so a terminal can show a progress bar and clear it. One
 * hook per process; NULL for none (the default). */
typedef void (*index_progress_fn)(void *arg, size_t done, size_t total);
void index_set_progress(index_progress_fn fn, void *arg);

/* The line a progress hook shows: what is done and a bar, in at most
 * cols columns (the bar left out when too narrow), into out. */
void index_progress_line(char *out, size_t size, size_t done, size_t total, int cols);

/* Builds the index of the bundled content dir into path, with the
 * identity of its names and bytes (index_content_identity), which an
 * install keeps: make runs it (src/idmview-mkindex), index_open reads it
 * where datadir_prebuilt_index says. Returns 0, or -1 with e set. */
int index_build_bundled(const char *dir, const char *path, struct err *e);

/* Like index_identity, from the names, sizes and bytes of the files, not
 * their times. */
int index_content_identity(const char *dir, char id[17], struct err *e);

/* The identity of dir's files as 16 hex digits into id[17]; -1 with e set
 * when dir cannot be listed. */
int index_identity(const char *dir, char id[17], struct err *e);

#endif
