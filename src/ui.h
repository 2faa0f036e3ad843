/* ui.h - the terminal browser. */
#ifndef IDM_UI_H
#define IDM_UI_H

#include "model.h"

struct ui_opts {
	int flags; /* LAYOUT_* flags for every layout the browser makes */
};

/* Runs the browser on site s, starting at page `start`, until the user
 * quits or a signal ends it; the terminal is restored in every case.
 * Returns the exit status. */
int ui_run(struct site *s, struct page *start, const struct ui_opts *o);

#endif
