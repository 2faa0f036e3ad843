/* updating.h - an update run under the browser: U starts and cancels
 * one, the status line shows its progress, and its end switches the new
 * content in (a kiosk's background checks end in kiosk.c). */
#ifndef IDM_UPDATING_H
#define IDM_UPDATING_H

#include <stddef.h>

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
/* The status line while an update runs. */
void updating_status(const struct ui *u, char *buf, size_t n);

#endif
