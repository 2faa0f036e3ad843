/* keys.c - the key bindings: which key does what, the keys of an action
 * for help and messages, and which actions this run offers. */
#include "config.h"

#include "keys.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui_curses.h"

/* Every key binding. Help lists actions with these keys; dispatch reads
 * the same rows. `name` is how help shows the key. An action in
 * `absent` (below) has no key at all for this run. */
static const struct binding {
	int key;
	int is_fn; /* a KEY_* code rather than a character */
	const char *name;
	enum action act;
} bindings[] = {
	{KEY_DOWN, 1, N_("Down"), ACT_DOWN},
	{'j', 0, "j", ACT_DOWN},
	{KEY_UP, 1, N_("Up"), ACT_UP},
	{'k', 0, "k", ACT_UP},
	{' ', 0, N_("Space"), ACT_PAGE_DOWN},
	{KEY_NPAGE, 1, N_("PgDn"), ACT_PAGE_DOWN},
	{'f', 0, "f", ACT_PAGE_DOWN},
	{KEY_PPAGE, 1, N_("PgUp"), ACT_PAGE_UP},
	{'b', 0, "b", ACT_PAGE_UP},
	{KEY_HOME, 1, N_("Home"), ACT_TOP},
	{'g', 0, "g", ACT_TOP},
	{KEY_END, 1, N_("End"), ACT_BOTTOM},
	{'G', 0, "G", ACT_BOTTOM},
	{'\t', 0, N_("Tab"), ACT_NEXT_LINK},
	{KEY_BTAB, 1, N_("Shift-Tab"), ACT_PREV_LINK},
	{'\n', 0, N_("Enter"), ACT_FOLLOW},
	{'\r', 0, NULL, ACT_FOLLOW},
	{KEY_ENTER, 1, NULL, ACT_FOLLOW},
	{KEY_RIGHT, 1, N_("Right"), ACT_FOLLOW},
	{'l', 0, "l", ACT_FOLLOW},
	{KEY_LEFT, 1, N_("Left"), ACT_BACK},
	{KEY_BACKSPACE, 1, N_("Backspace"), ACT_BACK},
	{127, 0, NULL, ACT_BACK},
	{CTRL_KEY('h'), 0, NULL, ACT_BACK},
	{'h', 0, "h", ACT_BACK},
	{'m', 0, "m", ACT_HOME},
	{'/', 0, "/", ACT_SEARCH},
	{'n', 0, "n", ACT_SEARCH_NEXT},
	{'N', 0, "N", ACT_SEARCH_PREV},
	{'s', 0, "s", ACT_SEARCH_ALL},
	{KEY_F(1), 1, "F1", ACT_HELP},
	{'?', 0, "?", ACT_HELP},
	{'L', 0, "L", ACT_LANGUAGE},
	{'U', 0, "U", ACT_UPDATE},
	{'p', 0, "p", ACT_PRINT},
	{'c', 0, "c", ACT_QR},
	/* on the code screen only (its own_keys): n and p mean search and
	 * print everywhere else */
	{'n', 0, "n", ACT_NEXT_CODE},
	{'p', 0, "p", ACT_PREV_CODE},
	{CTRL_KEY('l'), 0, N_("Ctrl-L"), ACT_REDRAW},
	{'q', 0, "q", ACT_QUIT},
};

static const char *const action_desc[] = {
	[ACT_NONE] = "",
#define X(name, desc) [name] = desc,
	ACTIONS(X)
#undef X
};

/* Actions this run does not offer; set once by keys_setup. */
static unsigned char absent[ACT_COUNT];

void keys_setup(int kiosk, int can_print)
{
	memset(absent, 0, sizeof absent);
	if (kiosk) {
		absent[ACT_QUIT] = 1;
		absent[ACT_UPDATE] = 1; /* the kiosk updates itself */
	}
	if (!can_print)
		absent[ACT_PRINT] = 1;
}

const char *ui_keys(enum action a, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		if (bindings[i].act != a || !bindings[i].name || absent[a])
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", _(bindings[i].name));
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

size_t ui_action_count(void)
{
	return ACT_COUNT;
}

const char *ui_action_desc(enum action a)
{
	return _(action_desc[a]);
}

enum action keys_lookup_for(int key, int is_fn, const enum action *own)
{
	for (size_t i = 0; own && i < sizeof bindings / sizeof bindings[0]; i++) {
		if (bindings[i].key != key || bindings[i].is_fn != is_fn || absent[bindings[i].act])
			continue;
		for (const enum action *a = own; *a != ACT_NONE; a++)
			if (*a == bindings[i].act)
				return *a;
	}
	return keys_lookup(key, is_fn);
}

/* Actions that only a screen's own_keys reach: their keys mean something
 * else elsewhere. */
static int scoped(enum action a)
{
	return a == ACT_NEXT_CODE || a == ACT_PREV_CODE;
}

enum action keys_lookup(int key, int is_fn)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key && bindings[i].is_fn == is_fn && !absent[bindings[i].act] &&
		    !scoped(bindings[i].act))
			return bindings[i].act;
	return ACT_NONE;
}
