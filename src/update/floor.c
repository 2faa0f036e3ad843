/* floor.c - see floor.h. */
#include "config.h"

#include "floor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "store.h"
#include "store_read.h"

#define FLOOR_MAGIC "idmview-floor 1"
#define FLOOR_MAX 256

static int parse_num(const char *s, unsigned long long *out)
{
	char *end;
	if (*s < '0' || *s > '9' || strlen(s) > 19)
		return -1;
	*out = strtoull(s, &end, 10);
	return *end ? -1 : 0;
}

/* STORE/floor into f; anything malformed counts as no record. */
static void read_file(const char *dir, struct floor *f)
{
	struct buf b = {0};
	struct err e;
	char *path = xasprintf("%s/floor", dir);
	memset(f, 0, sizeof *f);
	if (util_read_file(path, FLOOR_MAX, &b, &e) == 0 && b.s) {
		char *save = NULL;
		char *line = strtok_r(b.s, "\n", &save);
		unsigned long long serial = 0, created = 0;
		int ok = line && !strcmp(line, FLOOR_MAGIC);
		while (ok && (line = strtok_r(NULL, "\n", &save))) {
			if (!strncmp(line, "serial ", 7))
				ok = parse_num(line + 7, &serial) == 0;
			else if (!strncmp(line, "created ", 8))
				ok = parse_num(line + 8, &created) == 0 &&
				     created < (1ull << 40);
		}
		if (ok) {
			f->serial = serial;
			f->created = (time_t)created;
		}
	}
	buf_free(&b);
	free(path);
}

void floor_read(const char *dir, struct floor *f)
{
	read_file(dir, f);
	struct manifest m;
	unsigned long long newest = store_newest_serial(dir, 0);
	if (newest && store_version_intact(dir, newest, &m)) {
		if (m.serial > f->serial)
			f->serial = m.serial;
		if (m.created > f->created)
			f->created = m.created;
		manifest_free(&m);
	}
}

int floor_raise(const char *dir, const struct floor *f, struct err *e)
{
	struct floor old;
	read_file(dir, &old);
	if (old.serial >= f->serial && old.created >= f->created)
		return 0;
	unsigned long long serial = old.serial > f->serial ? old.serial : f->serial;
	time_t created = old.created > f->created ? old.created : f->created;
	char text[128];
	int n = snprintf(text, sizeof text, "%s\nserial %llu\ncreated %lld\n",
			 FLOOR_MAGIC, serial, (long long)created);
	char *path = xasprintf("%s/floor", dir);
	int r = store_write_file(path, text, (size_t)n, e);
	free(path);
	return r;
}

time_t floor_now(const struct floor *f, int *behind)
{
	time_t now = time(NULL);
	*behind = now < f->created;
	return *behind ? f->created : now;
}
