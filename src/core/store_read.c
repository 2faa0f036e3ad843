/* store_read.c - see store_read.h. */
#include "config.h"

#include "store_read.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "manifest.h"
#include "model.h"
#include "util.h"

int store_is_serial(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 18 || name[0] == '0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	return 1;
}

unsigned long long store_current_serial(const char *dir)
{
	char target[64];
	char *link = xasprintf("%s/current", dir);
	ssize_t n = readlink(link, target, sizeof target - 1);
	free(link);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	if (!store_is_serial(target))
		return 0;
	return strtoull(target, NULL, 10);
}

char *store_current_version(const char *dir)
{
	unsigned long long cur = store_current_serial(dir);
	if (!cur)
		return NULL;
	char *v = xasprintf("%s/%llu", dir, cur);
	struct stat st;
	if (stat(v, &st) < 0 || !S_ISDIR(st.st_mode)) {
		free(v);
		return NULL;
	}
	return v;
}

unsigned long long store_previous_serial(const char *dir)
{
	unsigned long long cur = store_current_serial(dir), prev = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (store_is_serial(de->d_name)) {
			unsigned long long v = strtoull(de->d_name, NULL, 10);
			if (v < cur && v > prev)
				prev = v;
		}
	closedir(d);
	return prev;
}

char *store_previous_version(const char *dir)
{
	unsigned long long prev = store_previous_serial(dir);
	return prev ? xasprintf("%s/%llu", dir, prev) : NULL;
}

/* The date a version's content speaks for: the site's own updated date
 * (carried in the manifest), else the day the manifest was made. */
static int version_date(const char *version, char out[11])
{
	struct manifest m;
	struct err e;
	char *path = xasprintf("%s/manifest", version);
	int r = manifest_load(path, &m, &e);
	free(path);
	if (r < 0)
		return -1;
	if (m.updated[0]) {
		memcpy(out, m.updated, 11);
	} else {
		char t[21];
		manifest_time_format(m.created, t);
		memcpy(out, t, 10);
		out[10] = '\0';
	}
	manifest_free(&m);
	return 0;
}

char *store_content_dir(const char *store, const char *bundled)
{
	char *v = store ? store_current_version(store) : NULL;
	char date[11];
	if (!v)
		return xstrdup(bundled);
	char *content = xasprintf("%s/content", v);
	struct stat st;
	if (version_date(v, date) < 0 || stat(content, &st) < 0) {
		free(v);
		free(content);
		return xstrdup(bundled);
	}
	free(v);
	struct err e;
	struct site *b = loader_load_site(bundled, &e);
	/* ISO dates compare as strings. Equal dates: the store wins, it was
	 * verified against the publisher's key and is at least as new. */
	if (b && b->updated && strlen(b->updated) == 10 &&
	    strcmp(b->updated, date) > 0) {
		site_free(b);
		free(content);
		return xstrdup(bundled);
	}
	if (b)
		site_free(b);
	return content;
}
