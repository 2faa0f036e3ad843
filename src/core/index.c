/* index.c - the full-text index of a content directory (see index.h). */
#include "config.h"

#include "index.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "index_int.h"
#include "index_rank.h"
#include "index_site.h"
#include "loader.h"
#include "search_fold.h"
#include "store_read.h"

/* SQLite's page cache, in KiB (negative: KiB for cache_size): bounds the
 * memory of a search or a build. */
#define INDEX_CACHE_KIB 8192


struct index {
	sqlite3 *db;
	char *path;
	/* in the cache, where a damaged one is removed to be rebuilt; the
	 * package's and a store version's are not the reader's to remove */
	int cached;
};

int index_exec(sqlite3 *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		err_set(e, "index: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* Settings for any connection: bounded memory, no trust in the schema. */
int index_harden(sqlite3 *db, struct err *e)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d; PRAGMA cell_size_check=ON",
		 INDEX_CACHE_KIB);
	return index_exec(db, sql, e);
}

/* --- progress of a build (index_set_progress) --- */
#define PROGRESS_AFTER_MS 200

static index_progress_fn progress_fn;
static void *progress_arg;

void index_set_progress(index_progress_fn fn, void *arg)
{
	progress_fn = fn;
	progress_arg = arg;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Called after each of n files: tells the hook once the build has taken
 * PROGRESS_AFTER_MS (a quick one shows nothing), then after every file;
 * *shown says whether the end must be told too. */
static void progress(long long start, size_t done, size_t n, int *shown)
{
	if (!progress_fn || (!*shown && now_ms() - start < PROGRESS_AFTER_MS))
		return;
	*shown = 1;
	progress_fn(progress_arg, done, n);
}

/* Inserts the folded text of every file of dir, and for the ranking its
 * words with its page's title (index_rank.h). */
static int fill(sqlite3 *db, const char *dir, const struct site *site,
		const struct index_ent *v, size_t n, struct err *e)
{
	sqlite3_stmt *st, *sk, *fs, *wd = NULL;
	struct index_titles titles;
	index_titles_from(site, &titles);
	if (sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, body) VALUES (?1, ?2)", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO words(rowid, title, body) VALUES (?1, ?2, ?3)",
			       -1, &wd, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO files(id, file) VALUES (?1, ?2)", -1, &fs,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO skipped(file) VALUES (?1)", -1, &sk, NULL) !=
		    SQLITE_OK) {
		err_set(e, "index: %s", sqlite3_errmsg(db));
		sqlite3_finalize(wd);
		index_titles_free(&titles);
		return -1;
	}
	struct buf raw = {0}, text = {0};
	int rc = 0, shown = 0;
	long long start = now_ms();
	for (size_t i = 0; i < n && rc == 0; i++) {
		progress(start, i, n, &shown);
		int ok = search_fold_file(dir, v[i].name, &raw, &text) == 0;
		/* a file not folded here is listed: a search takes it as a
		 * candidate, and loading it says what is wrong with it */
		if (ok) {
			sqlite3_bind_int64(fs, 1, (sqlite3_int64)i + 1);
			sqlite3_bind_text(fs, 2, v[i].name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
			sqlite3_bind_text(st, 2, text.s, (int)text.len, SQLITE_STATIC);
			sqlite3_bind_int64(wd, 1, (sqlite3_int64)i + 1);
			sqlite3_bind_text(wd, 2, index_titles_get(&titles, v[i].name), -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(wd, 3, text.s, (int)text.len, SQLITE_STATIC);
		} else {
			sqlite3_bind_text(sk, 1, v[i].name, -1, SQLITE_STATIC);
		}
		if ((ok && (sqlite3_step(fs) != SQLITE_DONE || sqlite3_step(wd) != SQLITE_DONE)) ||
		    sqlite3_step(ok ? st : sk) != SQLITE_DONE) {
			err_set(e, "index: %s", sqlite3_errmsg(db));
			rc = -1;
		}
		sqlite3_reset(fs);
		sqlite3_reset(wd);
		sqlite3_reset(ok ? st : sk);
	}
	if (rc == 0 && index_rank_add_menus(db, &titles) < 0) {
		err_set(e, "index: %s", sqlite3_errmsg(db));
		rc = -1;
	}
	if (shown) /* the end, even a failed one: the hook clears its bar */
		progress_fn(progress_arg, n, n);
	sqlite3_finalize(sk);
	sqlite3_finalize(wd);
	index_titles_free(&titles);
	sqlite3_finalize(fs);
	sqlite3_finalize(st);
	buf_free(&raw);
	buf_free(&text);
	return rc;
}

int index_build(const char *dir, const char *path, const char *id, struct err *e)
{
	struct index_ent *v;
	size_t n;
	if (index_list_files(dir, &v, &n, e) < 0)
		return -1;
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	unlink(tmp);
	sqlite3 *db = NULL;
	int rc = -1;
	/* read once, for the ranking's titles and the site row alike; NULL
	 * (site.xml refused) leaves both out, as index_site.h says */
	struct err le;
	struct site *site = loader_load_site(dir, &le);
	/* made here first, so that a failure says the system's reason (no
	 * space, no inode, read-only) where SQLite would say "unable to open
	 * database file", and never through a link */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_sys(e, errno, "cannot create the search index %s", tmp);
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		err_set(e, "cannot create the search index %s: %s", tmp,
			db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (index_harden(db, e) < 0 ||
	    index_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
		     "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
		     "CREATE TABLE skipped(file TEXT);"
		     "CREATE TABLE files(id INTEGER PRIMARY KEY, file TEXT);"
		     /* contentless, no positions: 0.37x the folded text
		      * where keeping both took 3.5x; a word is then asked
		      * as all its trigrams (a superset, checked later) */
		     "CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail='none',"
		     " tokenize='trigram case_sensitive 1');" INDEX_RANK_TABLE, e) < 0 ||
	    fill(db, dir, site, v, n, e) < 0 || index_site_put(db, dir, site, e) < 0)
		goto out;
	char *meta = xasprintf("INSERT INTO meta VALUES('schema','%s'),('identity','%s');"
			       "INSERT INTO fts(fts) VALUES('optimize');"
			       "INSERT INTO words(words) VALUES('optimize'); COMMIT;",
			       INDEX_SCHEMA, id);
	rc = index_exec(db, meta, e);
	free(meta);
out:
	if (site)
		site_free(site);
	if (db && sqlite3_close(db) != SQLITE_OK && rc == 0) {
		err_set(e, "index: cannot close %s", tmp);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) < 0) {
		err_sys(e, errno, "cannot put the search index in place at %s", path);
		rc = -1;
	}
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	index_free_files(v, n);
	return rc;
}

int index_build_beside(const char *dir, struct err *e)
{
	char id[17];
	if (index_identity(dir, id, e) < 0)
		return -1;
	char *path = xasprintf("%s/" INDEX_BESIDE, dir);
	int r = index_build(dir, path, id, e);
	free(path);
	return r;
}

int index_build_bundled(const char *dir, const char *path, struct err *e)
{
	char id[17];
	if (index_content_identity(dir, id, e) < 0)
		return -1;
	return index_build(dir, path, id, e);
}

char *index_cache_dir(struct err *e)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *base;
	if (xdg && *xdg == '/')
		base = xasprintf("%s/idmview", xdg);
	else if (home && *home == '/')
		base = xasprintf("%s/.cache/idmview", home);
	else {
		err_set(e, "no cache directory (set XDG_CACHE_HOME or HOME)");
		return NULL;
	}
	char *parent = xasprintf("%.*s", (int)(strrchr(base, '/') - base), base);
	mkdir(parent, 0700);
	free(parent);
	if (mkdir(base, 0700) < 0 && errno != EEXIST) {
		err_sys(e, errno, "cannot create %s", base);
		free(base);
		return NULL;
	}
	return base;
}

/* The cache file for dir: named after its real path. */
static char *cache_path(const char *dir, struct err *e)
{
	char real[PATH_MAX];
	if (!realpath(dir, real)) {
		err_sys(e, errno, "cannot resolve %s", dir);
		return NULL;
	}
	char *base = index_cache_dir(e);
	if (!base)
		return NULL;
	uint64_t h = index_fnv(0xcbf29ce484222325ULL, real, strlen(real));
	char *p = xasprintf("%s/index-%016llx.sqlite", base, (unsigned long long)h);
	free(base);
	return p;
}

/* One value of the meta table, or NULL (missing table, damaged file). */
static char *meta(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* Opens path read-only when it is an index of schema INDEX_SCHEMA for
 * identity id; else NULL. Damage past the meta table shows when a
 * query fails (index_term). */
sqlite3 *index_open_ro(const char *path, const char *id)
{
	sqlite3 *db = NULL;
	struct err e;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    index_harden(db, &e) < 0 || index_exec(db, "PRAGMA query_only=1", &e) < 0) {
		sqlite3_close(db);
		return NULL;
	}
	char *schema = meta(db, "schema"), *ident = meta(db, "identity");
	int ok = schema && ident && !strcmp(schema, INDEX_SCHEMA) && !strcmp(ident, id);
	free(schema);
	free(ident);
	if (!ok) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Whether dir is the content of a version in an update store
 * (STORE/SERIAL/content, STORE/current a link): only there is a database
 * beside the content one the updater made. Elsewhere (-d DIR: anyone's
 * files) one found there is ignored; a crafted one could hide pages. */
int index_in_store(const char *dir)
{
	char real[PATH_MAX];
	if (!realpath(dir, real))
		return 0;
	char *slash = strrchr(real, '/');
	if (!slash || strcmp(slash, "/content"))
		return 0;
	*slash = '\0';
	char *ver = strrchr(real, '/');
	if (!ver || !store_is_serial(ver + 1))
		return 0;
	*ver = '\0';
	char *cur = xasprintf("%s/current", real);
	struct stat st;
	int ok = lstat(cur, &st) == 0 && S_ISLNK(st.st_mode);
	free(cur);
	return ok;
}

/* index_build into the cache, but not again in this process for the same
 * content once it failed (a full disk): a browser's every search would
 * pay a build before its scan. */
static int build_cache(const char *dir, const char *path, const char *id, struct err *e)
{
	static char failed_id[17];
	static struct err failed;
	if (failed_id[0] && !strcmp(failed_id, id)) {
		*e = failed;
		return -1;
	}
	if (index_build(dir, path, id, e) == 0)
		return 0;
	snprintf(failed_id, sizeof failed_id, "%s", id);
	failed = *e;
	return -1;
}

/* The bundled content's index, built by make and installed with it, when
 * dir is that content and the index matches its bytes; *path is then set. */
static sqlite3 *open_prebuilt(const char *dir, char **path)
{
	char id[17], *pre = datadir_prebuilt_index(dir);
	struct err e = {0};
	sqlite3 *db = NULL;
	if (pre && index_content_identity(dir, id, &e) == 0) {
		*path = xasprintf("%s/" INDEX_BESIDE, pre);
		if (!(db = index_open_ro(*path, id))) {
			free(*path);
			*path = NULL;
		}
	}
	free(pre);
	return db;
}

struct index *index_open(const char *dir, struct err *e)
{
	if (getenv("IDMVIEW_NO_INDEX")) {
		err_set(e, "IDMVIEW_NO_INDEX is set");
		return NULL;
	}
	char id[17], *path = NULL;
	sqlite3 *db = open_prebuilt(dir, &path);
	int cached = 0;
	if (!db) {
		if (index_identity(dir, id, e) < 0)
			return NULL;
		/* the updater's, built with the version (index_build_beside) */
		path = xasprintf("%s/" INDEX_BESIDE, dir);
		db = index_in_store(dir) ? index_open_ro(path, id) : NULL;
	}
	if (!db) {
		free(path);
		if (!(path = cache_path(dir, e)))
			return NULL;
		db = index_open_ro(path, id);
		cached = 1;
	}
	if (!db) {
		if (build_cache(dir, path, id, e) < 0 || !(db = index_open_ro(path, id))) {
			if (!e->msg[0])
				err_set(e, "the search index %s does not open", path);
			free(path);
			return NULL;
		}
	}
	struct index *ix = xcalloc(1, sizeof *ix);
	ix->db = db;
	ix->path = path;
	ix->cached = cached;
	return ix;
}

void index_close(struct index *ix)
{
	if (!ix)
		return;
	sqlite3_close(ix->db);
	free(ix->path);
	free(ix);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Characters in n bytes of UTF-8 (trigrams need 3 of them). */
static size_t nchars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Appends every trigram of a word of wl bytes as quoted FTS5 strings,
 * ANDed. */
static void add_trigrams(struct buf *q, const char *w, size_t wl)
{
	for (size_t i = 0; i < wl; i++) {
		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue;
		size_t j = i, k = 0;
		while (j < wl && k < 3) {
			j++;
			while (j < wl && ((unsigned char)w[j] & 0xC0) == 0x80)
				j++;
			k++;
		}
		if (k < 3)
			break;
		if (q->len)
			buf_adds(q, " AND ");
		buf_addc(q, '"');
		for (size_t b = i; b < j; b++) {
			if (w[b] == '"')
				buf_addc(q, '"');
			buf_addc(q, w[b]);
		}
		buf_addc(q, '"');
	}
}

/* The FTS5 query for term t: the trigrams of each word of 3 characters
 * or more (a phrase word by word: markup may cut it in the raw text).
 * NULL when no word is long enough. */
static char *fts_query(const struct search_term *t)
{
	struct buf q = {0};
	const char *w = t->text, *end = t->text + t->len;
	while (w < end) {
		const char *sp = memchr(w, ' ', (size_t)(end - w));
		size_t wl = (size_t)((sp ? sp : end) - w);
		if (nchars(w, wl) >= 3)
			add_trigrams(&q, w, wl);
		w += wl + 1;
	}
	if (!q.len) {
		buf_free(&q);
		return NULL;
	}
	return buf_take(&q);
}

/* The files sql (with ?1 bound to q when not NULL) selects, sorted. */
static int select_files(struct index *ix, const char *sql, char *q, struct index_set *out)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		if (q)
			sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *f = (const char *)sqlite3_column_text(st, 0);
			out->files = xgrow(out->files, &cap, out->n + 1, sizeof *out->files);
			out->files[out->n++] = xstrdup(f ? f : "");
		}
		sqlite3_finalize(st);
	}
	free(q);
	if (rc != SQLITE_DONE) {
		/* damaged: never trusted again; the next open rebuilds it
		 * (the bundled content's and a store version's: left alone,
		 * each search then scans) */
		if (ix->cached)
			unlink(ix->path);
		index_set_free(out);
		return -1;
	}
	if (out->n)
		qsort(out->files, out->n, sizeof *out->files, by_str);
	return 0;
}

int index_term(struct index *ix, const struct search_term *t, struct index_set *out)
{
	memset(out, 0, sizeof *out);
	char *q = fts_query(t);
	if (!q) {
		out->all = 1;
		return 0;
	}
	return select_files(ix, "SELECT file FROM files WHERE id IN"
			    " (SELECT rowid FROM fts WHERE fts MATCH ?1)", q, out);
}

int index_rank(struct index *ix, const struct search_query *q, struct index_rank *out)
{
	if (index_rank_query(ix->db, q, out) == 0)
		return 0;
	if (ix->cached)
		unlink(ix->path); /* damaged: as in select_files */
	return -1;
}

int index_skipped(struct index *ix, struct index_set *out)
{
	memset(out, 0, sizeof *out);
	return select_files(ix, "SELECT file FROM skipped", NULL, out);
}

int index_set_has(const struct index_set *s, const char *file)
{
	return s->all || (s->n && bsearch(&file, s->files, s->n, sizeof *s->files, by_str));
}

void index_set_free(struct index_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->files[i]);
	free(s->files);
	memset(s, 0, sizeof *s);
}
