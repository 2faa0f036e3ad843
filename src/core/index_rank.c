/* index_rank.c - ranking with SQLite's bm25 (see index_rank.h). */
#include "config.h"

#include "index_rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "model.h"

struct index_title {
	char *file;
	char *title;
};

struct index_score {
	char *file; /* or a menu's page id */
	int menu;
	double score;
};

static int by_file(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_score_key(const void *a, const void *b)
{
	const struct index_score *x = a, *y = b;
	return x->menu != y->menu ? x->menu - y->menu : strcmp(x->file, y->file);
}

static void add_title(struct index_title **v, size_t *n, size_t *cap, const char *file,
		      const char *title)
{
	if (!file || !title)
		return;
	struct buf b = {0};
	search_fold(title, strlen(title), &b);
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].file = xstrdup(file);
	(*v)[(*n)++].title = buf_take(&b);
}

void index_titles_load(const char *dir, struct index_titles *t)
{
	struct err e = {0};
	struct site *s = loader_load_site(dir, &e);
	index_titles_from(s, t);
	if (s)
		site_free(s);
}

void index_titles_from(const struct site *s, struct index_titles *t)
{
	memset(t, 0, sizeof *t);
	if (!s)
		return;
	size_t cap = 0, mcap = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		if (p->kind != PAGE_TEXT) {
			/* one row for every language: a menu has no file per
			 * language to hang a row on */
			struct buf all = {0};
			buf_adds(&all, p->title ? p->title : "");
			for (size_t k = 0; k < p->ntrs; k++)
				if (p->trs[k].title) {
					buf_addc(&all, '\n');
					buf_adds(&all, p->trs[k].title);
				}
			add_title(&t->menus, &t->nmenus, &mcap, p->id, all.s ? all.s : "");
			buf_free(&all);
			continue;
		}
		add_title(&t->v, &t->n, &cap, p->file, p->title);
		for (size_t k = 0; k < p->ntrs; k++)
			add_title(&t->v, &t->n, &cap, p->trs[k].file, p->trs[k].title);
	}
	if (t->n)
		qsort(t->v, t->n, sizeof *t->v, by_file);
}

const char *index_titles_get(const struct index_titles *t, const char *file)
{
	/* a file named twice (two pages, one file): the first in name order;
	 * the builder and the incremental update agree on it */
	struct index_title *f = t->n ? bsearch(&file, t->v, t->n, sizeof *t->v, by_file) : NULL;
	if (!f)
		return "";
	while (f > t->v && !strcmp(f[-1].file, file))
		f--;
	return f->title;
}

void index_titles_free(struct index_titles *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].file);
		free(t->v[i].title);
	}
	for (size_t i = 0; i < t->nmenus; i++) {
		free(t->menus[i].file);
		free(t->menus[i].title);
	}
	free(t->v);
	free(t->menus);
	memset(t, 0, sizeof *t);
}

/* Runs sql on the menus, binding ?1 the row id, ?2 the page id, ?3 the
 * title: from t when given, else from the rank_menus table. */
static int each_menu(sqlite3 *db, const char *sql, const struct index_titles *t)
{
	sqlite3_stmt *st, *rd = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    (!t && sqlite3_prepare_v2(db, "SELECT id, page, title FROM rank_menus", -1, &rd, NULL) !=
			   SQLITE_OK)) {
		sqlite3_finalize(st);
		return -1;
	}
	int rc = SQLITE_DONE;
	for (size_t i = 0; rc == SQLITE_DONE; i++) {
		if (t ? i >= t->nmenus : sqlite3_step(rd) != SQLITE_ROW)
			break;
		sqlite3_bind_int64(st, 1, t ? -(sqlite3_int64)i - 1 : sqlite3_column_int64(rd, 0));
		for (int c = 1; c <= 2; c++)
			sqlite3_bind_text(st, c + 1,
					  t ? (c == 1 ? t->menus[i].file : t->menus[i].title)
					    : (const char *)sqlite3_column_text(rd, c),
					  -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(rd);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int index_rank_add_menus(sqlite3 *db, const struct index_titles *t)
{
	if (each_menu(db, "INSERT INTO words(rowid, title, body) VALUES (?1, ?3, '')", t) < 0 ||
	    each_menu(db, "INSERT INTO rank_menus(id, page, title) VALUES (?1, ?2, ?3)", t) < 0)
		return -1;
	return 0;
}

int index_rank_drop_menus(sqlite3 *db)
{
	if (each_menu(db, "INSERT INTO words(words, rowid, title, body)"
			  " VALUES ('delete', ?1, ?3, '')", NULL) < 0)
		return -1;
	return sqlite3_exec(db, "DELETE FROM rank_menus", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The FTS5 query: every term as a quoted string, which the table's
 * tokenizer cuts into a phrase of words, its last word a prefix (a term
 * matches as a substring, like grep -i: "migra" finds "migration");
 * ORed, since the exact check is search.c's and any term adds to the
 * score. A term with no word (punctuation) is an empty phrase, matching
 * nothing. */
static char *rank_query(const struct search_query *q)
{
	struct buf b = {0};
	for (size_t t = 0; t < q->nterms; t++) {
		if (t)
			buf_adds(&b, " OR ");
		buf_addc(&b, '"');
		for (size_t i = 0; i < q->terms[t].len; i++) {
			if (q->terms[t].text[i] == '"')
				buf_addc(&b, '"');
			buf_addc(&b, q->terms[t].text[i]);
		}
		buf_adds(&b, "\"*");
	}
	return buf_take(&b);
}

int index_rank_query(sqlite3 *db, const struct search_query *q, struct index_rank *out)
{
	memset(out, 0, sizeof *out);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "WITH m(r, s) AS (SELECT rowid, bm25(words, %.1f, 1.0) FROM words"
		 " WHERE words MATCH ?1) SELECT file, 0, s FROM files JOIN m ON id = r"
		 " UNION ALL SELECT page, 1, s FROM rank_menus JOIN m ON id = r",
		 INDEX_RANK_W_TITLE);
	sqlite3_stmt *st;
	if (!q->nterms)
		return 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	char *m = rank_query(q);
	sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 0);
		out->v = xgrow(out->v, &cap, out->n + 1, sizeof *out->v);
		out->v[out->n].file = xstrdup(f ? f : "");
		out->v[out->n].menu = sqlite3_column_int(st, 1) != 0;
		/* bm25() is negative, better the lower */
		out->v[out->n++].score = -sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	free(m);
	if (rc != SQLITE_DONE) {
		index_rank_free(out);
		return -1;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, by_score_key);
	return 0;
}

double index_rank_get(const struct index_rank *r, const struct page *p)
{
	struct index_score key = {p->kind == PAGE_TEXT ? p->file : p->id, p->kind != PAGE_TEXT, 0};
	struct index_score *s =
		r->n && key.file ? bsearch(&key, r->v, r->n, sizeof *r->v, by_score_key) : NULL;
	return s ? s->score : 0;
}

void index_rank_free(struct index_rank *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].file);
	free(r->v);
	memset(r, 0, sizeof *r);
}
