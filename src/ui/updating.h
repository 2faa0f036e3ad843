/* updating.h - an update run under the browser: U starts and cancels
 * one, and its end switches the new content in (a kiosk's background
 * checks end in kiosk.c; chrome.c shows the progress). The update itself
 * is idmview-update's, run as a child (core/upclient.h): the browser
 * holds no network or signature code. */
#ifndef IDM_UPDATING_H
#define IDM_UPDATING_H

#include "upclient.h"
#include "util.h"

struct ui;

/* Starts idmview-update with the reader's options; a kiosk's speaks the
 * language the kiosk started in (its staff's), else the reader's.
 * Returns NULL with `e` filled when it cannot start. */
struct upclient *updating_begin(struct ui *u, struct err *e);
/* U: starts an update, or cancels the one running (the content stays as
 * it was); says so on the status line. */
void updating_toggle(struct ui *u);
/* upclient_poll on u->upd. */
enum update_state updating_poll(struct ui *u, int timeout, int fd);
/* The update has ended: shows the new content when there is some, says
 * how it went, and frees u->upd. */
void updating_finish(struct ui *u);

#endif
