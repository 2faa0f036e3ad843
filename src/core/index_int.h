/* index_int.h - what index.c shares with index_incr.c, not for users of
 * the index (index.h). */
#ifndef IDM_INDEX_INT_H
#define IDM_INDEX_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "util.h"

/* Bump when the tables or what goes into them change: an older database
 * is then rebuilt, never read. */
#define INDEX_SCHEMA "idmview-fts-6"

/* The index the updater builds inside a version's content directory;
 * a dot file, so not part of the content's identity. */
#define INDEX_BESIDE ".idmview-index.sqlite"

struct index_ent {
	char *name;
	struct stat st;
};

/* The regular files of dir (no dot files), sorted by name; -1 with e set. */
/* FNV-1a over n bytes of p, from h: a cache key, not a defence. */
uint64_t index_fnv(uint64_t h, const void *p, size_t n);
int index_list_files(const char *dir, struct index_ent **out, size_t *n, struct err *e);
void index_free_files(struct index_ent *v, size_t n);

/* sqlite3_exec with e set on failure. */
int index_exec(sqlite3 *db, const char *sql, struct err *e);
/* Settings for any connection: bounded memory, no trust in the schema. */
int index_harden(sqlite3 *db, struct err *e);
/* Opens path read-only when it is an index of schema INDEX_SCHEMA for
 * identity id; else NULL. */
sqlite3 *index_open_ro(const char *path, const char *id);

/* Whether dir is the content of a version in an update store, where a
 * database beside the content is the updater's (index.c). */
int index_in_store(const char *dir);

#endif
