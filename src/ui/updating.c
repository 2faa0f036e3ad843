/* updating.c - an update under the browser: starting and cancelling it,
 * and its end. */
#include "config.h"

#include "updating.h"

#include <stdio.h>
#include <stdlib.h>

#include "helper.h"
#include "i18n.h"
#include "kiosk.h"
#include "session.h"
#include "ui_state.h"

/* With no line from the helper for this long, it is taken for hung:
 * longer than a stalled transfer takes to be abandoned (it then says so),
 * and than loading a large new version. */
static long silence_ms(const struct config *c)
{
	long stall = c->stall_timeout > 0 ? c->stall_timeout : 30;
	return (2 * stall + 120) * 1000L;
}

struct upclient *updating_begin(struct ui *u, struct err *e)
{
	if (!u->opts->cfg) {
		err_set(e, "%s", _("no settings"));
		return NULL;
	}
	char *prog = helper_find(e);
	if (!prog)
		return NULL;
	/* a kiosk's messages go to its staff's log: in the language it
	 * started in, not the visitor's (also the child's $LANGUAGE) */
	char saved[16];
	admin_lang_begin(u, saved);
	struct upclient *c = upclient_begin(prog, u->opts->args, u->opts->nargs, i18n_language(),
					    silence_ms(u->opts->cfg), e);
	admin_lang_end(u, saved);
	free(prog);
	return c;
}

void updating_toggle(struct ui *u)
{
	if (u->upd) {
		upclient_cancel(u->upd);
		upclient_free(u->upd);
		u->upd = NULL;
		ui_message(u, _("Update cancelled; the content is unchanged."));
		return;
	}
	struct err e = {0};
	u->upd = updating_begin(u, &e);
	if (!u->upd)
		ui_message(u, _("Cannot update: %s"), e.msg);
}

enum update_state updating_poll(struct ui *u, int timeout, int fd)
{
	return upclient_poll(u->upd, timeout, fd);
}

void updating_finish(struct ui *u)
{
	enum update_state st = updating_poll(u, 0, -1);
	if (u->kiosk) {
		kiosk_update_done(u, st);
		return;
	}
	if (st == UPDATE_OK && upclient_switched(u->upd) && !u->opts->fixed_dir) {
		struct err e = {0};
		/* said first: the switch may add that the page is gone */
		ui_message(u, _("Updated: %s"), upclient_message(u->upd));
		if (session_reload(u, &e) < 0)
			ui_message(u, _("The update is installed but cannot be read: %s"), e.msg);
	} else if (st == UPDATE_OK) {
		ui_message(u, _("Update: %s"), upclient_message(u->upd));
	} else if (upclient_refused(u->upd)) {
		ui_message(u, _("Cannot update: %s"), upclient_message(u->upd));
	} else {
		ui_message(u, _("Update failed, the content is unchanged: %s"), upclient_message(u->upd));
	}
	upclient_free(u->upd);
	u->upd = NULL;
}
