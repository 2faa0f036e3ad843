/* unit.c - the helpers of unit.h. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit.h"
#include "util.h"

char *unit_slurp(const char *path, size_t *len)
{
	struct buf b = {0};
	struct err e;
	if (util_read_file(path, (size_t)-1, &b, &e) < 0)
		fail_msg("%s", e.msg);
	if (len)
		*len = b.len;
	return buf_take(&b);
}

void unit_spit(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		fail_msg("cannot write %s", path);
	assert_int_equal(fwrite(s, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

void unit_put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	unit_spit(path, text, strlen(text));
	free(path);
}

char *unit_scratch(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/idmunit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		fail_msg("cannot make a directory like %s", dir);
	return dir;
}

void unit_scratch_remove(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

int unit_scratch_setup(void **state)
{
	*state = unit_scratch();
	return 0;
}

int unit_scratch_teardown(void **state)
{
	unit_scratch_remove(*state);
	return 0;
}
