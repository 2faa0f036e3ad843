/* upclient.h - the browser's side of an update: runs idmview-update
 * --pipe --update as a child process and reads its progress and result
 * from a pipe (the line format: idmview-update(8)). The reader links no
 * network or crypto code; the child can crash, hang or write garbage and
 * the reader only reports a failed update. No zombie and no descriptor
 * outlives upclient_free. */
#ifndef IDM_UPCLIENT_H
#define IDM_UPCLIENT_H

#include <sys/types.h>

#include "upstate.h"
#include "util.h"

/* The longest line accepted from the child, newline included. */
#define UPCLIENT_LINE_MAX 1024

struct upclient;

/* Starts `prog` (the helper, or a test's stand-in) with
 * `--pipe[=LANG] ARGS... --update`: ARGS are the reader's own options
 * (nargs of them), LANG (NULL: the environment's) the language of its
 * messages. A process with a launcher (launcher.h) asks it instead, for
 * the program and ARGS it was started with. `silence_ms`: with no line for that long the child counts
 * as hung and is killed. Returns NULL with `e` filled when it cannot
 * start. */
struct upclient *upclient_begin(const char *prog, char *const *args, int nargs,
				const char *lang, long silence_ms, struct err *e);

/* Starts `prog --pipe[=LANG] ARGS... --update` with its stdout a new
 * pipe, its stdin and stderr /dev/null and the default signal
 * dispositions. Returns 0 with *pid and *rfd (the pipe's read end,
 * close-on-exec), or an errno value. upclient_begin uses it, and a
 * kiosk's launcher (launcher.h), for which a confined reader asks. */
int upclient_spawn(const char *prog, char *const *args, int nargs, const char *lang,
		   pid_t *pid, int *rfd);

/* Reads what the child wrote, waiting at most `timeout_ms` for it or for
 * `extra_fd` (-1 for none) to be readable. Returns the state. */
enum update_state upclient_poll(struct upclient *c, int timeout_ms, int extra_fd);

/* The progress the child last reported. */
void upclient_progress(const struct upclient *c, struct update_progress *p);

/* Stops the child (SIGTERM, then SIGKILL if it lingers) and reaps it; the
 * update then counts as failed ("cancelled"). */
void upclient_cancel(struct upclient *c);

/* After the end: the child's summary or error, neutralised for display,
 * or what went wrong with the child itself. */
const char *upclient_message(const struct upclient *c);

/* After UPDATE_FAILED: 1 when the helper refused to start (offline, no
 * URL, key unreadable, store locked: nothing was attempted), else 0. */
int upclient_refused(const struct upclient *c);

/* After UPDATE_OK: 1 when a new version was switched in, else 0. */
int upclient_switched(const struct upclient *c);

/* Cancels a running child, closes and frees. NULL is fine. */
void upclient_free(struct upclient *c);

#endif
