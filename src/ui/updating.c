/* updating.c - an update under the browser: starting and cancelling it,
 * and its end. */
#include "config.h"

#include "updating.h"

#include <stdio.h>

#include "i18n.h"
#include "kiosk.h"
#include "session.h"
#include "ui_state.h"

void updating_toggle(struct ui *u)
{
	if (u->upd) {
		update_cancel(u->upd);
		update_free(u->upd);
		u->upd = NULL;
		ui_message(u, _("Update cancelled; the content is unchanged."));
		return;
	}
	struct err e = {0};
	u->upd = u->opts->cfg ? update_begin(u->opts->cfg, &e) : NULL;
	if (!u->upd)
		ui_message(u, _("Cannot update: %s"), u->opts->cfg ? e.msg : _("no settings"));
}

enum update_state updating_poll(struct ui *u, int timeout, int fd)
{
	char saved[16];
	admin_lang_begin(u, saved);
	enum update_state st = update_poll(u->upd, timeout, fd);
	admin_lang_end(u, saved);
	return st;
}

void updating_finish(struct ui *u)
{
	enum update_state st = updating_poll(u, 0, -1);
	if (u->kiosk) {
		kiosk_update_done(u, st);
		return;
	}
	if (st == UPDATE_OK && update_switched(u->upd) && !u->opts->fixed_dir) {
		struct err e = {0};
		/* said first: the switch may add that the page is gone */
		ui_message(u, _("Updated: %s"), update_message(u->upd));
		if (session_reload(u, &e) < 0)
			ui_message(u, _("The update is installed but cannot be read: %s"), e.msg);
	} else if (st == UPDATE_OK) {
		ui_message(u, _("Update: %s"), update_message(u->upd));
	} else {
		ui_message(u, _("Update failed, the content is unchanged: %s"), update_message(u->upd));
	}
	update_free(u->upd);
	u->upd = NULL;
}
