/* store_read.c - see store_read.h. */
#include "config.h"

#include "store_read.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
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

int store_version_intact(const char *dir, unsigned long long serial,
			 struct manifest *m)
{
	char *v = xasprintf("%s/%llu", dir, serial);
	char *p = xasprintf("%s/manifest", v);
	char *content = xasprintf("%s/content", v);
	struct manifest got;
	struct err e;
	struct stat st;
	int ok = lstat(v, &st) == 0 && S_ISDIR(st.st_mode) &&
		 lstat(content, &st) == 0 && S_ISDIR(st.st_mode) &&
		 lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		 manifest_load(p, &got, &e) == 0;
	if (ok && got.serial != serial) {
		manifest_free(&got);
		ok = 0;
	}
	if (ok && m)
		*m = got;
	else if (ok)
		manifest_free(&got);
	free(v);
	free(p);
	free(content);
	return ok;
}

/* What `current` itself names: a serial, or 0 when it is missing, not a
 * symbolic link, or names anything but a version beside it (a path, a
 * loop, another name). */
static unsigned long long link_serial(const char *dir)
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

unsigned long long store_newest_serial(const char *dir, unsigned long long below)
{
	unsigned long long best = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return 0;
	/* Newest first would need a sort; the store holds two or three
	 * versions, so each candidate is checked only when it would win. */
	while ((de = readdir(d))) {
		if (!store_is_serial(de->d_name))
			continue;
		unsigned long long v = strtoull(de->d_name, NULL, 10);
		if (v > best && (!below || v < below) &&
		    store_version_intact(dir, v, NULL))
			best = v;
	}
	closedir(d);
	return best;
}

unsigned long long store_current_serial(const char *dir)
{
	unsigned long long cur = link_serial(dir);
	if (cur && store_version_intact(dir, cur, NULL))
		return cur;
	/* A damaged link loses nothing: the versions prove themselves. */
	return store_newest_serial(dir, 0);
}

char *store_current_version(const char *dir)
{
	unsigned long long cur = store_current_serial(dir);
	return cur ? xasprintf("%s/%llu", dir, cur) : NULL;
}

int store_current_damaged(const char *dir)
{
	unsigned long long cur = link_serial(dir);
	return store_current_serial(dir) != cur;
}

unsigned long long store_previous_serial(const char *dir)
{
	unsigned long long cur = store_current_serial(dir);
	return cur ? store_newest_serial(dir, cur) : 0;
}

char *store_previous_version(const char *dir)
{
	unsigned long long prev = store_previous_serial(dir);
	return prev ? xasprintf("%s/%llu", dir, prev) : NULL;
}
