/* keys.h - which key does what: the one binding table, read by the
 * dispatch and by the help screen, so help cannot go stale. */
#ifndef IDM_KEYS_H
#define IDM_KEYS_H

#include <stddef.h>

#include "actions.h"

/* The control character typed with Ctrl and c. A macro: the binding
 * table needs a constant. */
#define CTRL_KEY(c) ((c) & 0x1f)

/* Sets which actions this run offers: a kiosk has no quit and no visitor
 * updates; without a print command there is no printing. An action not
 * offered has no key, no help line and nothing to deny. */
void keys_setup(int kiosk, int can_print);
/* The action bound to `key` (is_fn: a KEY_* code rather than a
 * character), or ACT_NONE. */
enum action keys_lookup(int key, int is_fn);
/* keys_lookup, but a key bound to one of `own` (ended by ACT_NONE; the
 * screen on top's own_keys, or NULL) means that action. */
enum action keys_lookup_for(int key, int is_fn, const enum action *own);
/* The keys bound to an action, for messages and help ("Down, j"); empty
 * when the action is not offered. Returns buf. */
const char *ui_keys(enum action a, char *buf, size_t n);
/* The number of actions (ACT_COUNT), and what action `a` does, in the
 * interface language. */
size_t ui_action_count(void);
const char *ui_action_desc(enum action a);

#endif
