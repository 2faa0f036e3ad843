/* update_main.c - an update run to its end: update_run, and the
 * `idmview --update` command (update_main) on it. A client of the
 * non-blocking interface in update.h, as the browser is. */
#include "config.h"

#include "update.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

int update_run(const struct config *cfg, char **message, struct err *e)
{
	*message = NULL;
	struct update *u = update_begin(cfg, e);
	if (!u)
		return -1;
	enum update_state st;
	while ((st = update_poll(u, 1000, -1)) == UPDATE_RUNNING)
		;
	int r = 0;
	if (st == UPDATE_OK) {
		*message = xstrdup(update_message(u));
	} else {
		err_set(e, "%s", update_message(u));
		r = -1;
	}
	update_free(u);
	return r;
}

int update_main(const struct config *cfg)
{
	struct err e;
	char *msg;
	/* A file-size limit must fail a write (EFBIG), not kill us midway. */
	signal(SIGXFSZ, SIG_IGN);
	if (update_run(cfg, &msg, &e) < 0) {
		fprintf(stderr, "%s: ", util_progname);
		fprintf(stderr, _("update failed: %s"), e.msg);
		fprintf(stderr, "\n%s: %s\n", util_progname,
			_("the installed content is unchanged"));
		return EXIT_UPDATE;
	}
	printf("%s\n", msg);
	free(msg);
	return EXIT_OK;
}
