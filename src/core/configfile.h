/* configfile.h - the configuration: files of "key = value" lines.
 *
 * (Named configfile, not config, because config.h is autoconf's.)
 * Lines are "key = value", "#" starts a comment line, blank lines are
 * ignored. Files read, later ones overriding earlier ones:
 *   IDM_SYSCONFDIR/idmview.conf, then $XDG_CONFIG_HOME/idmview/config
 *   (else ~/.config/idmview/config); `-c FILE` replaces both.
 * Repeatable keys (update_url) add to the list; a later file or the
 * command line that names the key again starts the list afresh.
 * Errors: "FILE:LINE: what is wrong". Keys live in one table in
 * configfile.c: a new key is one row and one field here. */
#ifndef IDM_CONFIGFILE_H
#define IDM_CONFIGFILE_H

#include <stddef.h>

#include "util.h"

/* theme = default | high-contrast | monochrome */
enum config_theme {
	THEME_DEFAULT,
	THEME_HIGH_CONTRAST,
	THEME_MONOCHROME,
};

struct config {
	char **update_urls;       /* update_url: mirrors, in order */
	size_t nupdate_urls;
	char *trusted_key;        /* trusted_key: minisign public key file, or
				     several, comma-separated (config_split_list) */
	char *store;              /* store: update store directory */
	long long max_rate;       /* max_rate: bytes/s, 0 = unlimited */
	long stall_timeout;       /* stall_timeout: seconds without progress */
	long transfer_timeout;    /* transfer_timeout: the least seconds a file's
				     whole transfer may take (net.h) */
	char *credentials_file;   /* credentials_file: mirrors' user names and
				     passwords (netrc format), or NULL */
	int offline;              /* offline: never use the network */
	int bidi;                 /* bidi: enum bidi_mode (auto, on, off) */
	int accessible;           /* accessible: plain screens for screen readers */
	int theme;                /* theme: enum config_theme */
	char *lang;               /* lang: the reader's language, or NULL */
	int kiosk;                /* kiosk: locked down, self-resetting */
	long idle_timeout;        /* idle_timeout: seconds, 0 = never (kiosk) */
	long update_interval;     /* update_interval: seconds between background
				     checks, 0 = never (kiosk); minutes in the
				     file, or seconds with an "s" suffix */
	char *admin_exit;         /* admin_exit: key sequence that quits a
				     kiosk ("^X" is Ctrl-X), NULL = none */
	char *print_command;      /* print_command: sh -c command fed the
				     page's text on stdin, NULL = no printing */

	/* private: which list keys were set by the current source */
	unsigned list_source;
};

/* Fills `c` with the defaults (store under $XDG_DATA_HOME/idmview/store,
 * trusted key IDM_SYSCONFDIR/idmview/trusted.pub, stall 30 s, idle
 * 120 s, updates every 360 min). */
void config_init(struct config *c);

/* Reads the system and user files (missing files are fine), or only
 * `path` when it is not NULL (then it must exist). Returns 0, or -1 with
 * `e` filled. */
int config_load(struct config *c, const char *path, struct err *e);

/* Reads one file. A missing file is an error only when `must_exist`. */
int config_read_file(struct config *c, const char *path, int must_exist,
		     struct err *e);

/* Sets `key` to `value` as a file line would; `where` ("FILE:LINE" or
 * "--option") prefixes error messages. For the command line, call
 * config_begin_source first so that repeatable keys start afresh. */
int config_set(struct config *c, const char *key, const char *value,
	       const char *where, struct err *e);

/* Marks the start of a new source (a file or the command line). */
void config_begin_source(struct config *c);

void config_free(struct config *c);

/* Decodes an admin_exit value into key codes ("^X" is Ctrl-X, "^^" a
 * caret); returns the number of keys written to out (at most n), or -1
 * when the value is malformed. */
int config_key_sequence(const char *value, int *out, size_t n);

/* The items of a comma-separated value (trusted_key: the key files, so
 * that a publisher's next key can be trusted beside the current one):
 * split at commas, blanks around each trimmed, empty items skipped.
 * Returns how many, at most `max`; *items is a new array of new strings
 * (free with config_list_free). */
size_t config_split_list(const char *value, size_t max, char ***items);
void config_list_free(char **items, size_t n);

#endif
