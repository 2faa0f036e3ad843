/* index_site.c - the site index in the search index's database (see
 * index_site.h): writing the row, finding a database that matches
 * site.xml, and the cache file of -d DIR's model. */
#include "config.h"

#include "index_site.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "beneath.h"
#include "datadir.h"
#include "idmlimits.h"
#include "index.h"
#include "index_int.h"
#include "loader.h"
#include "site_codec.h"

#define SITE_TABLE "CREATE TABLE IF NOT EXISTS site(stat_id TEXT, bytes_id TEXT, model BLOB)"

int index_site_id(const char *dir, enum site_id kind, char id[17])
{
	int bytes = kind == SITE_ID_BYTES;
	const char *seed = bytes ? "site bytes " INDEX_SCHEMA : "site stat " INDEX_SCHEMA;
	uint64_t h = index_fnv(0xcbf29ce484222325ULL, seed, strlen(seed));
	if (bytes) {
		struct buf b = {0};
		struct err e;
		if (beneath_read(dir, LOADER_INDEX, IDM_MAX_FILE_BYTES, &b, &e) < 0)
			return -1;
		uint64_t n = b.len;
		h = index_fnv(h, &n, sizeof n);
		h = index_fnv(h, b.s, b.len);
		buf_free(&b);
	} else {
		char *path = xasprintf("%s/" LOADER_INDEX, dir);
		struct stat st;
		int ok = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (!ok)
			return -1;
		/* ctime in the cache: an edit of the same size whose mtime
		 * was put back (touch -r) still changes it */
		int ctime = kind == SITE_ID_STAT;
		int64_t f[6] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
				(int64_t)st.st_mtim.tv_nsec, ctime ? (int64_t)st.st_ctim.tv_sec : 0,
				ctime ? (int64_t)st.st_ctim.tv_nsec : 0, (int64_t)st.st_ino};
		h = index_fnv(h, f, sizeof f);
	}
	snprintf(id, 17, "%016llx", (unsigned long long)h);
	return 0;
}

static int insert_row(sqlite3 *db, const char *stat_id, const char *bytes_id,
		      const struct buf *blob, struct err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO site VALUES (?1, ?2, ?3)", -1, &st, NULL) !=
	    SQLITE_OK) {
		err_set(e, "index: %s", sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(st, 1, stat_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, bytes_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, blob->s, (int)blob->len, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc < 0)
		err_set(e, "index: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc;
}

/* Whether db's site row is for a site.xml of identity id: a new version's
 * index made from the previous one's, whose site.xml is the same file
 * (the updater hard-links what did not change), keeps its row. */
static int has_row(sqlite3 *db, const char *id)
{
	sqlite3_stmt *st;
	int yes = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM site WHERE stat_id = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

int index_site_put(sqlite3 *db, const char *dir, const struct site *s, struct err *e)
{
	char now[17];
	if (index_exec(db, SITE_TABLE, e) < 0)
		return -1;
	if (index_site_id(dir, SITE_ID_VERSION, now) == 0 && has_row(db, now))
		return 0;
	if (index_exec(db, "DELETE FROM site", e) < 0)
		return -1;
	struct buf blob = {0};
	char sid[17], bid[17];
	int rc = 0;
	if (s && site_encode(s, &blob) == 0 && blob.len < INT_MAX &&
	    index_site_id(dir, SITE_ID_VERSION, sid) == 0 &&
	    index_site_id(dir, SITE_ID_BYTES, bid) == 0)
		rc = insert_row(db, sid, bid, &blob, e);
	buf_free(&blob);
	return rc;
}

/* The site in the database at path whose site.xml identity of kind
 * `kind` is dir's, when its schema is this one; else NULL. The cache's
 * model file keeps its SITE_ID_STAT identity in the stat_id column. */
static struct site *read_model(const char *path, enum site_id kind, const char *dir)
{
	int bytes = kind == SITE_ID_BYTES;
	char id[17];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct site *s = NULL;
	struct err e;
	if (index_site_id(dir, kind, id) < 0 ||
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    index_harden(db, &e) < 0 || index_exec(db, "PRAGMA query_only=1", &e) < 0)
		goto out;
	const char *sql = bytes ? "SELECT s.model FROM site s, meta m WHERE m.key = 'schema'"
				  " AND m.value = ?1 AND s.bytes_id = ?2"
				: "SELECT s.model FROM site s, meta m WHERE m.key = 'schema'"
				  " AND m.value = ?1 AND s.stat_id = ?2";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, INDEX_SCHEMA, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB) {
		const void *p = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);
		if (p && n > 0)
			s = site_decode(p, (size_t)n, dir);
	}
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return s;
}

/* The cache file of dir's model: named after its real path, as the
 * full-text one is. */
static char *model_cache_path(const char *dir)
{
	char real[PATH_MAX];
	struct err e;
	char *base;
	if (!realpath(dir, real) || !(base = index_cache_dir(&e)))
		return NULL;
	uint64_t h = index_fnv(0xcbf29ce484222325ULL, real, strlen(real));
	char *p = xasprintf("%s/site-%016llx.sqlite", base, (unsigned long long)h);
	free(base);
	return p;
}

struct site *index_site_load(const char *dir)
{
	if (getenv("IDMVIEW_NO_INDEX"))
		return NULL;
	struct site *s = NULL;
	char *pre = datadir_prebuilt_index(dir), *path;
	if (pre) { /* the bundled content's, installed with it */
		path = xasprintf("%s/" INDEX_BESIDE, pre);
		s = read_model(path, SITE_ID_BYTES, dir);
		free(path);
		free(pre);
	} else if (index_in_store(dir)) { /* the updater's, built with the version */
		path = xasprintf("%s/" INDEX_BESIDE, dir);
		s = read_model(path, SITE_ID_VERSION, dir);
		free(path);
	}
	if (!s && (path = model_cache_path(dir))) {
		s = read_model(path, SITE_ID_STAT, dir);
		free(path);
	}
	return s;
}

/* Writes the cache database at tmp holding blob for site.xml's stat id. */
static int write_model(const char *tmp, const char *id, const struct buf *blob)
{
	sqlite3 *db = NULL;
	struct err e;
	int rc = -1;
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
		    SQLITE_OK &&
	    index_harden(db, &e) == 0 &&
	    index_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
			   "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
			   "INSERT INTO meta VALUES('schema', '" INDEX_SCHEMA "');" SITE_TABLE,
		       &e) == 0 &&
	    insert_row(db, id, NULL, blob, &e) == 0 && index_exec(db, "COMMIT", &e) == 0)
		rc = 0;
	if (sqlite3_close(db) != SQLITE_OK)
		rc = -1;
	return rc;
}

void index_site_remember(const struct site *s, const char *dir)
{
	char id[17];
	struct buf blob = {0};
	char *path = NULL;
	if (getenv("IDMVIEW_NO_INDEX") || index_site_id(dir, SITE_ID_STAT, id) < 0 ||
	    site_encode(s, &blob) < 0 || blob.len >= INT_MAX || !(path = model_cache_path(dir))) {
		buf_free(&blob);
		free(path);
		return;
	}
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	unlink(tmp);
	if (write_model(tmp, id, &blob) < 0 || rename(tmp, path) < 0)
		unlink(tmp);
	free(tmp);
	free(path);
	buf_free(&blob);
}
