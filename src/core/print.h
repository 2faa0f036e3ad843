/* print.h - "Print this Page": a page's plain text piped to a command. */
#ifndef IDM_PRINT_H
#define IDM_PRINT_H

#include <sys/types.h>

#include "model.h"
#include "util.h"

/* Runs `/bin/sh -c command` with the page's text (exactly what --dump
 * --qr prints at `width`: the QR codes of its links too) on its standard input, standard output and error on
 * /dev/null, in a session of its own (it cannot read the terminal), with
 * default signal dispositions. Waits at most `timeout_ms` in all: a
 * command still running then is killed and counts as failed. The page
 * must be loaded. Returns 0 when the command exited with status 0, else
 * -1 with `e` filled ("exit status 1", "timed out" ...). */
int print_page(const char *command, const struct page *p, int width, int flags,
	       int timeout_ms, struct err *e);

/* Starts `/bin/sh -c command` as print_page does (its session, its
 * signals, /dev/null for output). Returns its pid with *wfd the write end
 * of its standard input (close-on-exec), or -1 with errno. print_page
 * uses it, and a kiosk's launcher (launcher.h), for which a confined
 * reader asks: print_page then runs the launcher's command, not
 * `command`. */
pid_t print_spawn(const char *command, int *wfd);

#endif
