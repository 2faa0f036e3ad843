/* helper.c - see helper.h. */
#include "config.h"

#include "helper.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef IDM_PKGLIBEXECDIR
#define IDM_PKGLIBEXECDIR "/usr/local/libexec/idmview"
#endif

/* The directory of the running program, from /proc/self/exe, or "" when
 * it cannot be read. */
static void self_dir(char out[PATH_MAX])
{
	ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	out[n] = '\0';
	char *slash = strrchr(out, '/');
	if (slash)
		*slash = '\0';
	else
		out[0] = '\0';
}

char *helper_find(struct err *e)
{
	char dir[PATH_MAX];
	self_dir(dir);
	if (dir[0]) {
		char *p = xasprintf("%s/%s", dir, HELPER_NAME);
		if (access(p, X_OK) == 0)
			return p;
		free(p);
	}
	char *p = xasprintf("%s/%s", IDM_PKGLIBEXECDIR, HELPER_NAME);
	if (access(p, X_OK) == 0)
		return p;
	free(p);
	err_set(e, _("the update program %s is missing (looked in %s and in %s); reinstall idmview"),
		HELPER_NAME, dir[0] ? dir : "/proc/self/exe", IDM_PKGLIBEXECDIR);
	return NULL;
}
