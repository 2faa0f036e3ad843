/* index_incr.c - a version's index made from the previous version's (see
 * index_build_beside_from in index.h): a copy of it, with only the files
 * that changed taken out and put back in.
 *
 * The FTS5 table is contentless: a row is taken out by giving FTS5 the
 * text it was made from, so a changed or removed file's old text is
 * folded again from the previous version, still in the store. The old
 * database is content too: it is used only when its schema and identity
 * match the previous version's files and its lists of files agree with
 * them, else the new index is built in full. The words table ranks with
 * the page's title too (index_rank.h): a file whose title changed in the
 * site index is redone like one whose bytes changed. */
#include "config.h"

#include "index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index_int.h"
#include "index_rank.h"
#include "index_site.h"
#include "loader.h"
#include "search_fold.h"

/* A file of the old index: its row in the files table, or 0 when it is
 * in the skipped table. */
struct row {
	char *file;
	sqlite3_int64 id;
};

struct incr {
	sqlite3 *db;
	const char *old, *dir;
	struct row *rows; /* the old index's files, sorted by name */
	size_t nrows;
	sqlite3_int64 next_id;
	size_t redone; /* files taken out or put in */
	struct buf raw, text;
	struct index_titles told, tnew; /* the versions' titles, by file */
	struct site *snew;              /* the new version's site, or NULL */
};

static int by_file(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->file, ((const struct row *)b)->file);
}

/* Reads the old index's files and skipped tables: at most max rows in
 * all (the previous version's files), else the database is not its. */
static int load_rows(struct incr *x, size_t max)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(x->db, "SELECT file, id FROM files UNION ALL"
				      " SELECT file, 0 FROM skipped LIMIT ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)max + 1);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 0);
		sqlite3_int64 id = sqlite3_column_int64(st, 1);
		x->rows = xgrow(x->rows, &cap, x->nrows + 1, sizeof *x->rows);
		x->rows[x->nrows].file = xstrdup(f ? f : "");
		x->rows[x->nrows++].id = id;
		if (id >= x->next_id)
			x->next_id = id + 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || x->nrows != max || x->next_id < 1)
		return -1;
	qsort(x->rows, x->nrows, sizeof *x->rows, by_file);
	for (size_t i = 1; i < x->nrows; i++)
		if (!strcmp(x->rows[i - 1].file, x->rows[i].file))
			return -1; /* a name twice: not an index this program made */
	return 0;
}

/* The old index's row of name, or NULL. */
static const struct row *find(const struct incr *x, const char *name)
{
	size_t lo = 0, hi = x->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, x->rows[mid].file);
		if (!c)
			return &x->rows[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Runs sql with ?1 an integer (or none when id < 0), ?2 a text and ?3
 * (when not NULL) another. */
static int run3(struct incr *x, const char *sql, sqlite3_int64 id, const char *s, size_t n,
		const char *s3)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(x->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (id >= 0)
		sqlite3_bind_int64(st, 1, id);
	if (s)
		sqlite3_bind_text(st, 2, s, (int)n, SQLITE_STATIC);
	if (s3)
		sqlite3_bind_text(st, 3, s3, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int run(struct incr *x, const char *sql, sqlite3_int64 id, const char *s, size_t n)
{
	return run3(x, sql, id, s, n, NULL);
}

/* Takes the old version's file out of the index. */
static int drop_old(struct incr *x, const char *name)
{
	const struct row *r = find(x, name);
	if (!r)
		return -1; /* a file of the old version the index does not know */
	if (!r->id)
		return run(x, "DELETE FROM skipped WHERE file = ?2", -1, name, strlen(name));
	/* the text it was indexed from: folded as it was then (same schema) */
	if (search_fold_file(x->old, name, &x->raw, &x->text) < 0)
		return -1;
	const char *t = x->text.s ? x->text.s : "";
	if (run(x, "INSERT INTO fts(fts, rowid, body) VALUES('delete', ?1, ?2)", r->id, t,
		x->text.len) < 0 ||
	    run3(x, "INSERT INTO words(words, rowid, body, title) VALUES('delete', ?1, ?2, ?3)",
		 r->id, t, x->text.len, index_titles_get(&x->told, name)) < 0)
		return -1;
	return run(x, "DELETE FROM files WHERE id = ?1", r->id, NULL, 0);
}

/* Puts the new version's file in, under a new row id (an old one may
 * still have postings left by a delete that did not match). */
static int add_new(struct incr *x, const char *name)
{
	if (search_fold_file(x->dir, name, &x->raw, &x->text) < 0)
		return run(x, "INSERT INTO skipped(file) VALUES (?2)", -1, name, strlen(name));
	sqlite3_int64 id = x->next_id++;
	const char *t = x->text.s ? x->text.s : "";
	if (run(x, "INSERT INTO fts(rowid, body) VALUES (?1, ?2)", id, t, x->text.len) < 0 ||
	    run3(x, "INSERT INTO words(rowid, body, title) VALUES (?1, ?2, ?3)", id, t,
		 x->text.len, index_titles_get(&x->tnew, name)) < 0)
		return -1;
	return run(x, "INSERT INTO files(id, file) VALUES (?1, ?2)", id, name, strlen(name));
}

/* 1 when dir/a and old/b hold the same bytes: the same inode (the store
 * hard-links what did not change), else compared. */
static int same_file(const char *dir, const struct index_ent *a, const char *old,
		     const struct index_ent *b)
{
	if (a->st.st_dev == b->st.st_dev && a->st.st_ino == b->st.st_ino)
		return 1;
	if (a->st.st_size != b->st.st_size)
		return 0;
	char *pa = xasprintf("%s/%s", dir, a->name), *pb = xasprintf("%s/%s", old, b->name);
	FILE *fa = fopen(pa, "rb"), *fb = fopen(pb, "rb");
	int same = fa && fb;
	char ba[65536], bb[65536];
	size_t na, nb;
	while (same && (na = fread(ba, 1, sizeof ba, fa)) > 0) {
		nb = fread(bb, 1, na, fb);
		same = nb == na && !memcmp(ba, bb, na);
	}
	same = same && !ferror(fa) && fgetc(fb) == EOF;
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	free(pa);
	free(pb);
	return same;
}

/* Walks both sorted listings: a file only in the old one is taken out,
 * one only in the new one put in, one in both redone when it changed. */
static int apply(struct incr *x, const struct index_ent *vo, size_t no,
		 const struct index_ent *vn, size_t nn)
{
	size_t i = 0, j = 0;
	int rc = 0;
	while (rc == 0 && (i < no || j < nn)) {
		int c = i == no ? 1 : j == nn ? -1 : strcmp(vo[i].name, vn[j].name);
		x->redone += c != 0;
		if (c < 0) {
			rc = drop_old(x, vo[i++].name);
		} else if (c > 0) {
			rc = add_new(x, vn[j++].name);
		} else {
			if ((!same_file(x->dir, &vn[j], x->old, &vo[i]) ||
			     strcmp(index_titles_get(&x->told, vo[i].name),
				    index_titles_get(&x->tnew, vn[j].name))) &&
			    ++x->redone)
				rc = drop_old(x, vo[i].name) < 0 || add_new(x, vn[j].name) < 0 ? -1 : 0;
			else if (!find(x, vo[i].name))
				rc = -1; /* kept, but the index does not know it */
			i++;
			j++;
		}
	}
	return rc;
}

/* Copies from to `to`, created; 0 or -1. */
static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	char b[65536];
	ssize_t n = 0;
	int rc = in >= 0 && out >= 0 ? 0 : -1;
	while (rc == 0 && (n = read(in, b, sizeof b)) > 0)
		rc = write(out, b, (size_t)n) == n ? 0 : -1;
	if (n < 0 || (out >= 0 && close(out) < 0))
		rc = -1;
	if (in >= 0)
		close(in);
	return rc;
}

/* The changes from old's files to dir's, made in the database x->db. */
static int update(struct incr *x, const char *id)
{
	struct index_ent *vo = NULL, *vn = NULL;
	size_t no = 0, nn = 0;
	struct err e;
	int rc = index_list_files(x->old, &vo, &no, &e) < 0 ||
			 index_list_files(x->dir, &vn, &nn, &e) < 0 || load_rows(x, no) < 0 ||
			 index_exec(x->db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN",
				    &e) < 0 ||
			 apply(x, vo, no, vn, nn) < 0 || index_rank_drop_menus(x->db) < 0 ||
			 index_rank_add_menus(x->db, &x->tnew) < 0 ||
			 index_site_put(x->db, x->dir, x->snew, &e) < 0
		     ? -1
		     : 0;
	if (rc == 0) {
		char *sql = sqlite3_mprintf("UPDATE meta SET value = %Q WHERE key = 'identity';"
					    "INSERT OR REPLACE INTO meta VALUES('reindexed', '%lld');"
					    "COMMIT",
					    id, (long long)x->redone);
		rc = sql ? index_exec(x->db, sql, &e) : -1;
		sqlite3_free(sql);
	}
	index_free_files(vo, no);
	index_free_files(vn, nn);
	return rc;
}

/* Makes tmp, a copy of the old index checked to be the one of old (oid),
 * into the index of dir (id). -1 when it cannot be: a full build then. */
static int incremental(const char *dir, const char *old, const char *oid, const char *tmp,
		       const char *id)
{
	char *opath = xasprintf("%s/" INDEX_BESIDE, old);
	int rc = copy_file(opath, tmp);
	free(opath);
	/* checked on the copy: what is changed is what was checked */
	sqlite3 *check = rc == 0 ? index_open_ro(tmp, oid) : NULL;
	if (!check)
		return -1;
	sqlite3_close(check);
	struct incr x = {.old = old, .dir = dir};
	index_titles_load(old, &x.told);
	struct err le;
	/* read once: the new titles and the new site row come from it */
	x.snew = loader_load_site(dir, &le);
	index_titles_from(x.snew, &x.tnew);
	struct err e;
	if (sqlite3_open_v2(tmp, &x.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    index_harden(x.db, &e) < 0 || update(&x, id) < 0)
		rc = -1;
	if (sqlite3_close(x.db) != SQLITE_OK)
		rc = -1;
	for (size_t i = 0; i < x.nrows; i++)
		free(x.rows[i].file);
	free(x.rows);
	buf_free(&x.raw);
	buf_free(&x.text);
	index_titles_free(&x.told);
	index_titles_free(&x.tnew);
	if (x.snew)
		site_free(x.snew);
	return rc;
}

int index_build_beside_from(const char *dir, const char *old, struct err *e)
{
	char id[17], oid[17];
	if (index_identity(dir, id, e) < 0)
		return -1;
	char *path = xasprintf("%s/" INDEX_BESIDE, dir);
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	struct err ignored;
	int rc = -1;
	unlink(tmp);
	if (old && index_identity(old, oid, &ignored) == 0 &&
	    incremental(dir, old, oid, tmp, id) == 0)
		rc = rename(tmp, path);
	unlink(tmp);
	if (rc < 0) /* no previous index, or not one to trust: in full */
		rc = index_build(dir, path, id, e);
	free(tmp);
	free(path);
	return rc;
}
