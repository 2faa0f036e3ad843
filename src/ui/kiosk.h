/* kiosk.h - a kiosk's own time: the visit ends after idle_timeout, a
 * background check for updates runs every update_interval, an installed
 * update is shown at home or when idle, and staff leave by the admin
 * exit sequence. Outside a kiosk these do nothing. */
#ifndef IDM_KIOSK_H
#define IDM_KIOSK_H

#include <wchar.h>

#include "upstate.h"

struct ui;

/* How long the loop may sleep before a kiosk has something to do, in ms;
 * -1 for as long as it likes. */
int kiosk_wait_ms(const struct ui *u);
/* 1 when the visit is over: no input for idle_timeout seconds. */
int kiosk_idle_due(const struct ui *u);
/* Starts a background check when one is due. */
void kiosk_check_due(struct ui *u);
/* The timers, once a loop: ends a visit that is over, shows an update
 * that waits, starts a check that is due. */
void kiosk_tick(struct ui *u);
/* A background check ended with `st`: new content waits for the home
 * screen or an idle one; a failure goes to syslog. Frees u->upd. */
void kiosk_update_done(struct ui *u, enum update_state st);
/* Feeds a key (get_wch's r and ch) to the admin exit sequence; returns 1
 * when the sequence is complete. */
int kiosk_admin_key(struct ui *u, int r, wint_t ch);
#endif
