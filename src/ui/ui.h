/* ui.h - the terminal browser, as the reader's main sees it. */
#ifndef IDM_UI_H
#define IDM_UI_H

#include "configfile.h"
#include "model.h"
#include "util.h"

struct ui_opts {
	int flags;                 /* LAYOUT_* flags for every layout */
	const struct config *cfg;  /* update settings */
	const char *bundled_dir;   /* bundled content, to choose against the store */
	int fixed_dir;             /* --data-dir given: updates do not switch it */
	const char *lang;          /* the reader's language, which the site is
				    * shown in already (copied) */
	char *const *args;         /* the reader's options, which idmview-update */
	int nargs;                 /* is run with for an update */
	void (*confined)(void);    /* tests only: called in a kiosk once it is
				    * confined (confine.h) */
};

/* Runs the browser on *site, starting at page `start`, until the user
 * quits or a signal ends it; the terminal is restored in every case. An
 * update may replace *site (the old one is freed). Returns the exit
 * status. */
int ui_run(struct site **site, struct page *start, const struct ui_opts *o);

/* Sends content_open's notes (lines "DIR: what") to syslog, for a
 * kiosk's staff: a visitor never sees them. */
void ui_log_content_notes(const struct buf *notes);

#endif
