/* dispatch.c - what an action does. Printing, updating and redrawing are
 * the browser's whatever is on screen; every other action goes to the
 * screen on top, and what it returns (close me, pass it on, open the
 * language screen, open a page at a match) is carried out here, so that
 * no screen calls another. */
#include "config.h"

#include "dispatch.h"

#include "chrome.h"
#include "help.h"
#include "i18n.h"
#include "language.h"
#include "pager.h"
#include "print.h"
#include "qrview.h"
#include "searchview.h"
#include "session.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "updating.h"

/* How long a print command may take before it is killed. */
#define PRINT_TIMEOUT_MS 10000

static void print_current(struct ui *u)
{
	struct err e = {0};
	const char *cmd = u->opts->cfg ? u->opts->cfg->print_command : NULL;
	if (!cmd)
		return;
	if (help_is(screen_top(u)))
		screen_pop(u);
	ui_message(u, _("Printing..."));
	chrome_draw_screen(u);
	if (print_page(cmd, u->view.page, 80, u->flags, PRINT_TIMEOUT_MS, &e) < 0)
		ui_message(u, _("Printing failed: %s"), e.msg);
	else
		ui_message(u, _("Sent to the printer."));
	flushinp(); /* keys pressed while waiting were not meant for what follows */
}

/* The actions no screen takes for itself: they open screens, or quit. */
static void browser_action(struct ui *u, enum action a)
{
	struct screen *s;
	switch (a) {
	case ACT_HELP:
		screen_push(u, help_new());
		break;
	case ACT_LANGUAGE:
		screen_push(u, language_new(u));
		break;
	case ACT_SEARCH_ALL:
		/* after the prompt: an update may have switched the content
		 * and closed the old results while it waited */
		s = searchview_open(u);
		if (s)
			screen_push(u, s); /* replaces results on top */
		break;
	case ACT_QR:
		s = qrview_open(u); /* NULL, and a message, for a page without codes */
		if (s)
			screen_push(u, s);
		break;
	case ACT_QUIT:
		u->quit = !u->kiosk; /* absent in a kiosk anyway */
		break;
	default:
		break;
	}
}

void dispatch_result(struct ui *u, struct screen_result r, enum action a)
{
	switch (r.verb) {
	case SCREEN_DONE:
		break;
	case SCREEN_CLOSE:
		screen_pop(u);
		break;
	case SCREEN_PASS:
		screen_pop(u);
		dispatch_action(u, a);
		break;
	case SCREEN_NOT_MINE:
		browser_action(u, a);
		break;
	case SCREEN_OPEN_LANGUAGE:
		screen_push(u, language_new(u));
		break;
	case SCREEN_CHOOSE_LANGUAGE:
		screen_pop(u);
		ui_set_language(u, r.lang);
		break;
	case SCREEN_OPEN_MATCH:
		screen_pop(u);
		pager_goto_match(u, r.page);
		break;
	}
}

void dispatch_action(struct ui *u, enum action a)
{
	switch (a) {
	case ACT_PRINT:
		print_current(u);
		break;
	case ACT_UPDATE:
		updating_toggle(u);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default: {
		struct screen *top = screen_top(u);
		dispatch_result(u, top->ops->action(u, top, a), a);
		break;
	}
	}
}
