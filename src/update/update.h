/* update.h - fetch, verify and apply an update into the store.
 *
 * One run: the manifest (conditional GET; mirrors tried in order) and its
 * minisign signature, checked against the trusted key; a serial not
 * greater than the installed one, the same serial with other content, or
 * an expired manifest are refused; only files the installed version lacks
 * are fetched (resumed from partial/), each capped at its size while it
 * arrives and checked against its SHA-256 after; the new version is
 * assembled beside the old one, read whole by the reader's own loader,
 * and switched in with one rename. Any failure leaves the installed
 * versions and `current` as they were (only partial/ may hold resumable
 * downloads).
 *
 * Non-blocking use (the browser): update_begin, then update_poll from the
 * UI loop until it returns UPDATE_OK or UPDATE_FAILED; update_progress for
 * the status line; update_cancel on a key. update_run does it all. */
#ifndef IDM_UPDATE_H
#define IDM_UPDATE_H

#include <stdio.h>

#include "configfile.h"
#include "upstate.h"
#include "util.h"

/* What one update needs of the configuration, and nothing else.
 * update_begin takes these from a struct config. The key and the store
 * are opened at the start, max_rate and stall_timeout go to each
 * transfer (net_opts); the running update keeps its own copy of the
 * mirror list, so the caller's may change or go while it runs. */
struct update_opts {
	char **urls;              /* mirrors, tried in order */
	size_t nurls;
	const char *trusted_key;  /* minisign public key file(s), comma-separated */
	const char *store;        /* store directory */
	long long max_rate;       /* bytes/s for each transfer, 0 = unlimited */
	long stall_timeout;       /* seconds without a byte before a transfer
				     is abandoned; 0 = net's default */
	long transfer_timeout;    /* the least seconds a whole file may take
				     (net_opts.min_deadline); 0 = net's default */
	const char *credentials_file; /* netrc for the mirrors, or NULL: only
				     a regular file of this user's that no one
				     else may read is used (net_secret_file_check) */
	int offline;              /* refuse to start */
};

struct update;

/* Starts an update with the settings in `cfg` (update_urls, trusted_key,
 * store, max_rate, stall_timeout, offline: a struct update_opts).
 * Returns the running update, or NULL with `e` filled when it cannot
 * start (offline, no URL, trusted key unreadable, store locked or not
 * writable). */
struct update *update_begin(const struct config *cfg, struct err *e);

/* Moves the update on, waiting at most `timeout_ms` for the network or for
 * `extra_fd` (-1 for none) to be readable. Returns the state. */
enum update_state update_poll(struct update *u, int timeout_ms, int extra_fd);

/* Fills `p` with the progress so far. */
void update_progress(const struct update *u, struct update_progress *p);

/* Stops the update; it then counts as failed ("cancelled"); the store is
 * as it was. */
void update_cancel(struct update *u);

/* After the end: the summary line ("serial A -> B, N files fetched, ...",
 * "already current ...") or the error message. */
const char *update_message(const struct update *u);

/* After UPDATE_OK: 1 when a new version was switched in, else 0. */
int update_switched(const struct update *u);

/* Releases the lock and frees. Cancels a running update. */
void update_free(struct update *u);

/* Runs an update to its end, blocking. Returns 0 with *message the summary,
 * or -1 with `e` filled. *message is a new string (caller frees) or NULL. */
int update_run(const struct config *cfg, char **message, struct err *e);

/* `idmview --update`: runs, prints the summary on stdout or the error on
 * stderr, and returns the status for main to exit with (EXIT_OK: current
 * now; EXIT_UPDATE: failed, the installed content unchanged). */
int update_main(const struct config *cfg);

/* Longest text of a pipe line's message (the line is longer by its
 * keyword and numbers; the reader takes UPCLIENT_LINE_MAX). */
#define UPDATE_PIPE_TEXT_MAX 900

/* `idmview-update --pipe --update`, run by the browser: the update with
 * its progress and result as lines on `out` (idmview-update(8)). Returns
 * the exit status, as update_main does. */
int update_pipe(const struct config *cfg, FILE *out);

#endif
