/* actions.h - every user action, once: its name and what it does.
 * The key table in ui.c binds keys to these; the help screen and the
 * dispatch both read that table, so help cannot go stale. */
#ifndef IDM_ACTIONS_H
#define IDM_ACTIONS_H

#define ACTIONS(X) \
	X(ACT_DOWN,        "Scroll down a line; in a menu, the next item") \
	X(ACT_UP,          "Scroll up a line; in a menu, the previous item") \
	X(ACT_PAGE_DOWN,   "Next screenful") \
	X(ACT_PAGE_UP,     "Previous screenful") \
	X(ACT_TOP,         "Go to the top") \
	X(ACT_BOTTOM,      "Go to the end") \
	X(ACT_NEXT_LINK,   "Select the next link or item") \
	X(ACT_PREV_LINK,   "Select the previous link or item") \
	X(ACT_FOLLOW,      "Open the selected link or menu item") \
	X(ACT_BACK,        "Go back to the previous screen") \
	X(ACT_HOME,        "Go to the home menu") \
	X(ACT_SEARCH,      "Search this page (type words, then Enter)") \
	X(ACT_SEARCH_NEXT, "Next match of the search") \
	X(ACT_SEARCH_PREV, "Previous match of the search") \
	X(ACT_SEARCH_ALL,  "Search all pages (words; \"a phrase\" in quotes)") \
	X(ACT_HELP,        "Show this help") \
	X(ACT_LANGUAGE,    "Choose the language of the program and the pages") \
	X(ACT_UPDATE,      "Update the content over the network; again to cancel") \
	X(ACT_PRINT,       "Print this page") \
	X(ACT_REDRAW,      "Redraw the screen") \
	X(ACT_QUIT,        "Quit")

enum action {
	ACT_NONE = 0,
#define X(name, desc) name,
	ACTIONS(X)
#undef X
	ACT_COUNT
};

#endif
