/* index_identity.c - which files a content directory holds, and the
 * identities an index is matched by (index.h, index_int.h): names, sizes
 * and times for a directory in the cache, names, sizes and bytes for the
 * bundled content. */
#include "config.h"

#include "index.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "beneath.h"
#include "idmlimits.h"
#include "index_int.h"

/* FNV-1a: a cache key, not a defence (a hostile database is caught by
 * SQLite's own checks and by the exact match on the loaded page). */
uint64_t index_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3ULL;
	return h;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct index_ent *)a)->name, ((const struct index_ent *)b)->name);
}

/* The regular files of dir, sorted by name; -1 with e set. */
int index_list_files(const char *dir, struct index_ent **out, size_t *n, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d) {
		err_sys(e, errno, "cannot list %s", dir);
		return -1;
	}
	struct index_ent *v = NULL;
	size_t cap = 0, k = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
		free(p);
		if (!ok)
			continue;
		v = xgrow(v, &cap, k + 1, sizeof *v);
		v[k].name = xstrdup(de->d_name);
		v[k++].st = st;
	}
	closedir(d);
	if (k)
		qsort(v, k, sizeof *v, by_name);
	*out = v;
	*n = k;
	return 0;
}

void index_free_files(struct index_ent *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int index_identity(const char *dir, char id[17], struct err *e)
{
	struct index_ent *v;
	size_t n;
	if (index_list_files(dir, &v, &n, e) < 0)
		return -1;
	uint64_t h = index_fnv(0xcbf29ce484222325ULL, INDEX_SCHEMA, strlen(INDEX_SCHEMA));
	for (size_t i = 0; i < n; i++) {
		/* no inode: a copy that keeps times (cp -a) keeps its index */
		int64_t f[3] = {(int64_t)v[i].st.st_size, (int64_t)v[i].st.st_mtim.tv_sec,
				(int64_t)v[i].st.st_mtim.tv_nsec};
		h = index_fnv(h, v[i].name, strlen(v[i].name) + 1);
		h = index_fnv(h, f, sizeof f);
	}
	index_free_files(v, n);
	snprintf(id, 17, "%016llx", (unsigned long long)h);
	return 0;
}

/* Adds the bytes of dir/name to h; -1 with e set when it cannot be read.
 * Opened as content is (no link, nothing outside dir) and no more read
 * than the loader would read of it. */
static int hash_file(uint64_t *h, const char *dir, const char *name, struct err *e)
{
	int fd = beneath_open(dir, name, e);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		if (fd >= 0) {
			err_sys(e, errno, "cannot read %s/%s", dir, name);
			close(fd);
		}
		return -1;
	}
	char b[65536];
	size_t n, total = 0;
	int bad = 0;
	while (!bad && (n = fread(b, 1, sizeof b, f)) > 0) {
		*h = index_fnv(*h, b, n);
		total += n;
		bad = total > IDM_MAX_FILE_BYTES;
	}
	bad |= ferror(f);
	fclose(f);
	if (bad)
		err_set(e, "cannot read %s/%s whole", dir, name);
	return bad ? -1 : 0;
}

int index_content_identity(const char *dir, char id[17], struct err *e)
{
	struct index_ent *v;
	size_t n;
	if (index_list_files(dir, &v, &n, e) < 0)
		return -1;
	/* names and bytes, no times: `make install` and a package give the
	 * files new ones, and the index built by make must still match */
	uint64_t h = index_fnv(0xcbf29ce484222325ULL, "content " INDEX_SCHEMA,
			 strlen("content " INDEX_SCHEMA));
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int64_t size = (int64_t)v[i].st.st_size;
		h = index_fnv(h, v[i].name, strlen(v[i].name) + 1);
		h = index_fnv(h, &size, sizeof size);
		rc = hash_file(&h, dir, v[i].name, e);
	}
	index_free_files(v, n);
	snprintf(id, 17, "%016llx", (unsigned long long)h);
	return rc;
}
