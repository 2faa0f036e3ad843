/* update_main.c - an update run to its end: update_run, the
 * `idmview --update` command (update_main) on it, and update_pipe, the
 * same run reporting to the browser over a pipe (the line format is in
 * idmview-update(8)). Clients of the non-blocking interface in update.h. */
#include "config.h"

#include "update.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One line of the pipe format: `text` on one line, cut to fit. */
static void pipe_text(FILE *out, const char *text)
{
	size_t n = 0;
	for (const char *p = text; *p && n < UPDATE_PIPE_TEXT_MAX; p++, n++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
}

static void pipe_progress(char *line, size_t n, const struct update_progress *p)
{
	snprintf(line, n, "progress %d %llu %llu %u %u %.0f %ld %llu\n", (int)p->phase, p->done,
		 p->total, p->files_done, p->files_total, p->rate, p->eta, p->wire);
}

/* `word`: ok, failed, or refused (could not start: nothing attempted) */
static int pipe_result(FILE *out, const char *word, int switched, const char *text)
{
	int ok = strcmp(word, "ok") == 0;
	fprintf(out, "result %s switched=%d ", word, switched);
	pipe_text(out, text);
	fputc('\n', out);
	return fflush(out) == 0 && ok ? EXIT_OK : EXIT_UPDATE;
}

int update_pipe(const struct config *cfg, FILE *out)
{
	struct err e = {0};
	signal(SIGXFSZ, SIG_IGN);
	struct update *u = update_begin(cfg, &e);
	if (!u)
		return pipe_result(out, "refused", 0, e.msg);
	struct update_progress p;
	char line[256], last[256] = "";
	long said = 0;
	enum update_state st;
	/* a line on each change, and at least one a second: the reader
	 * takes a long silence for a hung helper */
	while ((st = update_poll(u, 250, -1)) == UPDATE_RUNNING) {
		update_progress(u, &p);
		pipe_progress(line, sizeof line, &p);
		long now = util_now_ms();
		if (strcmp(line, last) != 0 || now - said >= 1000) {
			fputs(line, out);
			fflush(out);
			memcpy(last, line, sizeof last);
			said = now;
		}
	}
	int ok = st == UPDATE_OK;
	int r = pipe_result(out, ok ? "ok" : "failed", ok && update_switched(u), update_message(u));
	update_free(u);
	return r;
}
