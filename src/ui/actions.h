/* actions.h - every user action, once: its name and what it does.
 * The key table in keys.c binds keys to these; the help screen and the
 * dispatch both read that table, so help cannot go stale. */
#ifndef IDM_ACTIONS_H
#define IDM_ACTIONS_H

#include "i18n.h" /* N_: the descriptions are translated where shown */

#define ACTIONS(X) \
	X(ACT_DOWN,        N_("Scroll down a line; in a menu, the next item")) \
	X(ACT_UP,          N_("Scroll up a line; in a menu, the previous item")) \
	X(ACT_PAGE_DOWN,   N_("Next screenful")) \
	X(ACT_PAGE_UP,     N_("Previous screenful")) \
	X(ACT_TOP,         N_("Go to the top")) \
	X(ACT_BOTTOM,      N_("Go to the end")) \
	X(ACT_NEXT_LINK,   N_("Select the next link or item")) \
	X(ACT_PREV_LINK,   N_("Select the previous link or item")) \
	X(ACT_FOLLOW,      N_("Open the selected link or menu item")) \
	X(ACT_BACK,        N_("Go back to the previous screen")) \
	X(ACT_HOME,        N_("Go to the home menu")) \
	X(ACT_SEARCH,      N_("Search this page (type words, then Enter)")) \
	X(ACT_SEARCH_NEXT, N_("Next match of the search")) \
	X(ACT_SEARCH_PREV, N_("Previous match of the search")) \
	X(ACT_SEARCH_ALL,  N_("Search all pages (words; \"a phrase\" in quotes)")) \
	X(ACT_HELP,        N_("Show this help")) \
	X(ACT_LANGUAGE,    N_("Choose the language of the program and the pages")) \
	X(ACT_UPDATE,      N_("Update the content over the network; again to cancel")) \
	X(ACT_PRINT,       N_("Print this page")) \
	X(ACT_QR,          N_("QR codes of this page's web addresses and telephone numbers, to scan with a phone")) \
	X(ACT_NEXT_CODE,   N_("On the QR codes: the next code")) \
	X(ACT_PREV_CODE,   N_("On the QR codes: the previous code")) \
	X(ACT_REDRAW,      N_("Redraw the screen")) \
	X(ACT_QUIT,        N_("Quit"))

enum action {
	ACT_NONE = 0,
#define X(name, desc) name,
	ACTIONS(X)
#undef X
	ACT_COUNT
};

#endif
