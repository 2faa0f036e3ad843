/* ui_state.h - the browser's state, which every part of src/ui/ reads:
 * the page on screen, the stack of screens over it, the status-line
 * message and a kiosk's timers. Each screen's own state lives in its
 * file; this is what they share. */
#ifndef IDM_UI_STATE_H
#define IDM_UI_STATE_H

#include <stddef.h>

#include "actions.h"
#include "history.h"
#include "model.h"
#include "screen.h"
#include "ui.h"
#include "util.h"
#include "view.h"

struct upclient;

/* The screens open, the pager at the bottom: at most one of each kind
 * over it (results, language, help) */
#define UI_MAX_SCREENS 8

struct ui {
	struct site *site;
	int flags;
	const struct ui_opts *opts;
	struct upclient *upd; /* a running update (idmview-update), or NULL */
	struct view view;
	struct history hist;
	struct screen *stack[UI_MAX_SCREENS]; /* [0] the pager, the last on top */
	size_t depth;
	char query[256];     /* the last search */
	char msg[512];       /* shown on the status line until the next key */
	char lang[36];       /* the reader's language (content and interface) */
	char start_lang[36]; /* the language the program started in */
	int accessible;      /* --accessible: plain screens, announcements */
	int quit;

	/* kiosk mode (cfg->kiosk): see kiosk.c */
	int kiosk;
	long last_input;     /* monotonic ms of the last key or click */
	int idle;            /* the visit was forgotten since the last input */
	long next_check;     /* monotonic ms of the next background check */
	int pending;         /* an installed update waits to be shown */
	long offline_since;  /* wall-clock time of the first failed check, or 0 */
	size_t admin_pos;    /* keys of admin_exit typed so far */
	struct target {      /* touch targets on the bottom line */
		int x0, x1;
		enum action act;
	} targets[5];
	int ntargets;
	int mouse_down;      /* a button-1 press was seen, its release not */
};

/* Sets the status-line message (sanitised before it is shown). */
void ui_message(struct ui *u, const char *fmt, ...) IDM_PRINTF(2, 3);

#endif
