/* status.h - what the last update attempts did, kept in the store for a
 * fleet's monitoring, and `idmview --status`, which reports it.
 *
 * STORE/status is a small text file beside `current`, never inside a
 * version directory (so neither the reader nor a LAN mirror serving a
 * version sees it), rewritten durably (temporary file, fsync, rename)
 * at the end of every update attempt the updater runs, successful or
 * not: `idmview --update`, the browser's U, a kiosk's background check,
 * a timer running --update. It is not content: writing it never changes
 * what the reader shows, and an attempt whose record cannot be written
 * keeps its outcome. One record a line, "KEY VALUE", "\n" line ends:
 *
 *   idmview-status 1
 *   check-time 1717243200        the last attempt's end, Unix seconds
 *   check-result ok|failed
 *   serial-before 10             0: nothing was installed
 *   serial-after 11              installed after it (as before when failed)
 *   bytes 12345                  bytes on the wire (read, for a directory)
 *   bytes-total 99999            the sum over every recorded attempt
 *   source URL                   the mirror that answered (ok only)
 *   error TEXT                   why it failed, one line (failed only)
 *   success-time 1717243200      the last attempt that ended ok, if any
 *   success-serial 11            what was installed after it
 *
 * Readers ignore keys they do not know, so later versions may add some.
 * An attempt that could not start because another updater holds the
 * store's lock is not recorded (that updater records its own); neither
 * is one refused before it starts (offline, no update URL). */
#ifndef IDM_STATUS_H
#define IDM_STATUS_H

#include <time.h>

#include "configfile.h"
#include "util.h"

struct status {
	int checked;                    /* an attempt has been recorded */
	time_t check_time;
	int ok;
	unsigned long long serial_before, serial_after;
	unsigned long long bytes, bytes_total;
	char *source;                   /* or NULL */
	char *error;                    /* or NULL */
	time_t success_time;            /* 0: never */
	unsigned long long success_serial;
};

/* Reads STORE/status into `st` (zeroed when there is none). Returns 1
 * when read, 0 when there is none, -1 with `e` filled when it cannot be
 * read or is malformed ("STORE/status:LINE: what"). Free with
 * status_free either way. */
int status_read(const char *store, struct status *st, struct err *e);
void status_free(struct status *st);

/* Records one attempt that ended at `now`: ok or failed with `error`
 * (a message, made one line here), the serials before and after, the
 * bytes it moved and the mirror that answered (NULL: none). The last
 * success and the byte total are carried over from the previous record.
 * The caller holds the store's lock. Returns 0, or -1 with `e` filled. */
int status_record(const char *store, time_t now, int ok, const char *error,
		  unsigned long long serial_before, unsigned long long serial_after,
		  unsigned long long bytes, const char *source, struct err *e);

/* `idmview --status[=FORMAT]`: prints the store's state on stdout:
 * `format` is "text" (for people, translated), "json" or "prometheus"
 * (idmview(1) STATUS documents both schemas). Works without a network
 * and on an empty or missing store (it says so). Returns the exit
 * status: EXIT_OK, or EXIT_CONTENT when the status file or the
 * installed manifest is unreadable or malformed (message on stderr). */
int status_main(const struct config *cfg, const char *format);

/* 1 when `format` is one status_main knows, else 0. */
int status_format_ok(const char *format);

#endif
