/* confine.c - see confine.h. */
#include "config.h"

#include "confine.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "configfile.h"
#include "datadir.h"
#include "helper.h"
#include "i18n.h"
#include "index.h"
#include "launcher.h"
#include "sandbox.h"

/* $TERMINFO and ~/.terminfo, which ncurses reads before the system's. */
static char *home_terminfo(void)
{
	const char *home = getenv("HOME");
	return home && *home == '/' ? xasprintf("%s/.terminfo", home) : NULL;
}

/* Landlock and seccomp: what the reader may read, and its one
 * writable directory. Returns sandbox_reader's result. */
static int confine_reader(const struct ui_opts *o)
{
	struct err e = {0};
	char *cache = index_cache_dir(&e); /* NULL: nothing writable at all */
	char *locale = datadir_locale(), *terminfo = home_terminfo();
	const char *store = o->cfg ? o->cfg->store : NULL;
	/* a first update makes the store; the reader reads it from then on,
	 * and Landlock grants only what exists */
	if (store)
		sandbox_make_dirs(store);
	const char *readable[] = { o->bundled_dir, locale, getenv("TERMINFO"), terminfo,
				   NULL };
	const char *l[6];
	size_t n = 0;
	if (store)
		l[n++] = store;
	for (size_t i = 0; i < sizeof readable / sizeof readable[0]; i++)
		if (readable[i])
			l[n++] = readable[i];
	l[n] = NULL;
	int r = sandbox_reader(cache, l);
	int saved = errno;
	free(cache);
	free(locale);
	free(terminfo);
	errno = saved;
	return r;
}

void confine_kiosk(const struct ui_opts *o)
{
	struct err e = {0};
	/* no helper: U and the timer then say it is missing (updating.c) */
	char *helper = helper_find(&e);
	e.msg[0] = '\0';
	const char *print = o->cfg ? o->cfg->print_command : NULL;
	if (launcher_start(helper, o->args, o->nargs, print, &e) < 0)
		syslog(LOG_ERR, "%s", e.msg);
	free(helper);
	if (confine_reader(o) < 0)
		syslog(LOG_ERR, _("cannot confine the kiosk's reader (%s); it runs unconfined"),
		       strerror(errno));
	if (o->confined)
		o->confined();
}

void confine_end(void)
{
	launcher_end();
}
