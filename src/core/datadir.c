/* datadir.c - see datadir.h. */
#include "config.h"

#include "datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* 1 when this binary is the one in its build tree's src/. */
static int in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	char real[PATH_MAX];
	return realpath(IDM_BUILD_BINDIR, real) && strcmp(real, exe) == 0;
}

char *datadir_bundled(const char *option)
{
	if (option && *option)
		return xstrdup(option);
	const char *env = getenv("IDMVIEW_DATA_DIR");
	if (env && *env)
		return xstrdup(env);

	/* Run from the build tree (src/idmview): read the source tree's data/
	 * so `./bootstrap && src/idmview` works without installing. */
	if (in_build_tree())
		return xstrdup(IDM_SRC_DATADIR);
	return xstrdup(IDM_PKGDATADIR);
}

char *datadir_locale(void)
{
	return xstrdup(in_build_tree() ? IDM_BUILD_LOCALEDIR : IDM_LOCALEDIR);
}

/* 1 when a and b name the same directory. */
static int same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	return realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
}

char *datadir_prebuilt_index(const char *dir)
{
	/* the installed content, its index installed beside it */
	if (same_dir(dir, IDM_PKGDATADIR))
		return xstrdup(IDM_PKGDATADIR);
	/* the source tree's data/, its index built into the build tree
	 * (a VPATH build may not write the source tree) */
	if (same_dir(dir, IDM_SRC_DATADIR))
		return xstrdup(IDM_BUILD_DATADIR);
	return NULL;
}
