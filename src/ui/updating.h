/* updating.h - an update run under the browser: U starts and cancels
 * one, and its end switches the new content in (a kiosk's background
 * checks end in kiosk.c; chrome.c shows the progress). */
#ifndef IDM_UPDATING_H
#define IDM_UPDATING_H

#include "update.h"

struct ui;

/* U: starts an update, or cancels the one running (the content stays as
 * it was); says so on the status line. */
void updating_toggle(struct ui *u);
/* update_poll on u->upd; a kiosk's messages in its administrator's
 * language. */
enum update_state updating_poll(struct ui *u, int timeout, int fd);
/* The update has ended: shows the new content when there is some, says
 * how it went, and frees u->upd. */
void updating_finish(struct ui *u);

#endif
