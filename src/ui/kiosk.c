/* kiosk.c - a kiosk's timers: the idle reset that ends a visit, the
 * background update checks and their end, switching in a version that
 * waits, and the administrator's exit. A visitor never sees a failure:
 * the staff find it in syslog, and the title line says "offline since". */
#include "config.h"

#include "kiosk.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "help.h"
#include "i18n.h"
#include "session.h"
#include "upclient.h"
#include "updating.h"
#include "content.h"
#include "ui_curses.h"
#include "ui_state.h"

int kiosk_wait_ms(const struct ui *u)
{
	const struct config *c = u->opts->cfg;
	long now = util_now_ms(), t = LONG_MAX;
	if (!u->kiosk)
		return -1;
	if (c->idle_timeout && !u->idle)
		t = u->last_input + c->idle_timeout * 1000L - now;
	if (c->update_interval && !u->upd && !u->pending && u->next_check - now < t)
		t = u->next_check - now;
	if (t == LONG_MAX)
		return -1;
	if (t < 0)
		return 0;
	return t > 60 * 60 * 1000 ? 60 * 60 * 1000 : (int)t;
}

int kiosk_idle_due(const struct ui *u)
{
	const struct config *c = u->opts->cfg;
	return u->kiosk && c->idle_timeout && !u->idle &&
	       util_now_ms() - u->last_input >= c->idle_timeout * 1000L;
}

void kiosk_check_due(struct ui *u)
{
	const struct config *c = u->opts->cfg;
	long now = util_now_ms();
	if (!u->kiosk || !c->update_interval || u->upd || u->pending || now < u->next_check)
		return;
	struct err e = {0};
	u->upd = updating_begin(u, &e);
	if (!u->upd) {
		syslog(LOG_NOTICE, "background update cannot start: %s", e.msg);
		u->next_check = now + c->update_interval * 1000L;
	}
}

void kiosk_update_done(struct ui *u, enum update_state st)
{
	if (st == UPDATE_OK) {
		u->offline_since = 0;
		if (upclient_switched(u->upd))
			u->pending = 1;
	} else if (upclient_refused(u->upd)) {
		/* offline, no URL...: not a sign the network is down */
		syslog(LOG_NOTICE, "background update cannot start: %s", upclient_message(u->upd));
	} else {
		if (!u->offline_since)
			u->offline_since = (long)time(NULL);
		syslog(LOG_NOTICE, "background update failed: %s", upclient_message(u->upd));
	}
	upclient_free(u->upd);
	u->upd = NULL;
	u->next_check = util_now_ms() + u->opts->cfg->update_interval * 1000L;
}

/* Shows the installed update that was waiting. */
static void switch_pending(struct ui *u)
{
	u->pending = 0;
	if (u->opts->fixed_dir)
		return;
	struct err e = {0};
	if (session_reload(u, &e) < 0)
		syslog(LOG_ERR, "no usable content after an update, keeping the old: %s", e.msg);
	u->msg[0] = '\0'; /* nothing about it for the visitor */
}

void kiosk_tick(struct ui *u)
{
	const struct config *c = u->opts->cfg;
	if (!u->kiosk)
		return;
	if (kiosk_idle_due(u)) {
		ui_forget_visit(u);
		u->idle = 1;
		/* Another process (a systemd timer running --update) may have
		 * installed a version: a visit's end is the time to show it. */
		if (!u->opts->fixed_dir) {
			char *dir = content_dir(c->store, u->opts->bundled_dir);
			if (strcmp(dir, u->site->dir) != 0)
				u->pending = 1;
			free(dir);
		}
	}
	/* never under a reader: at home, with no help over it */
	if (u->pending && (u->idle || (!help_is(screen_top(u)) && u->view.page == u->site->home)))
		switch_pending(u);
	kiosk_check_due(u);
}

int kiosk_admin_key(struct ui *u, int r, wint_t ch)
{
	int seq[64];
	const char *v = u->opts->cfg ? u->opts->cfg->admin_exit : NULL;
	if (!u->kiosk || !v)
		return 0;
	int len = config_key_sequence(v, seq, sizeof seq / sizeof seq[0]);
	if (len <= 0)
		return 0;
	int key = r == KEY_CODE_YES ? -1 : (int)ch;
	if (key == seq[u->admin_pos])
		u->admin_pos++;
	else
		u->admin_pos = key == seq[0] ? 1 : 0;
	if (u->admin_pos == (size_t)len) {
		u->admin_pos = 0;
		return 1;
	}
	return 0;
}
