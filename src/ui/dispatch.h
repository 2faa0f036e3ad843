/* dispatch.h - what an action does: the browser's own actions first, then
 * the screen on top; and carrying out what a screen asks for. */
#ifndef IDM_DISPATCH_H
#define IDM_DISPATCH_H

#include "actions.h"
#include "screen.h"

struct ui;

/* Carries out action `a` (a key's). */
void dispatch_action(struct ui *u, enum action a);
/* Carries out what the screen on top returned for action `a` (or for a
 * click: then `a` is ACT_FOLLOW). */
void dispatch_result(struct ui *u, struct screen_result r, enum action a);

#endif
