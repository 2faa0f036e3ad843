/* replay.c - runs a harness on files, without libFuzzer.
 *
 * Usage: replay-NAME FILE|DIR...  Runs LLVMFuzzerTestOneInput once on
 * each file (each file of a directory), printing its name first, so a
 * crash names the input. Exit status 0 when every input ran. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static int run_file(const char *path)
{
	struct buf b = {0};
	struct err e;
	if (util_read_file(path, 64u * 1024 * 1024, &b, &e) < 0) {
		fprintf(stderr, "replay: %s\n", e.msg);
		return -1;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, b.len);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.s ? b.s : ""), b.len);
	buf_free(&b);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run(const char *path, int *count)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp);
	int r = 0;
	for (size_t i = 0; i < n; i++) {
		if (run(names[i], count) < 0)
			r = -1;
		free(names[i]);
	}
	free(names);
	return r;
}

int main(int argc, char **argv)
{
	int r = 0, count = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 1;
	}
	for (int i = 1; i < argc; i++)
		if (run(argv[i], &count) < 0)
			r = 1;
	printf("%d inputs\n", count);
	return r;
}
