/* store_read.c - see store_read.h. */
#include "config.h"

#include "store_read.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
