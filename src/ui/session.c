/* session.c - the reader's visit: its language (and, apart from it, the
 * language of a kiosk's messages for its staff), the content it reads
 * (read again after an update), and forgetting it when a kiosk's visitor
 * leaves. */
#include "config.h"

#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "content.h"
#include "i18n.h"
#include "ui_state.h"

void admin_lang_begin(const struct ui *u, char saved[16])
{
	snprintf(saved, 16, "%s", i18n_language());
	if (u->kiosk)
		i18n_reset_language();
}

void admin_lang_end(const struct ui *u, const char saved[16])
{
	if (u->kiosk)
		i18n_set_language(saved);
}

void ui_set_language(struct ui *u, const char *code)
{
	/* a language only the content has leaves the interface as it is */
	(void)i18n_set_language(code);
	snprintf(u->lang, sizeof u->lang, "%s", code);
	screen_close_holding_site(u);
	/* the layout points into the pages, which may be read again */
	struct place here = view_place(u);
	struct page *p = u->view.page;
	view_close(u);
	content_select_lang(u->site, u->lang);
	u->view.page = NULL;
	view_open(u, p, &here);
	/* TRANSLATORS: said on the status line when the reader has chosen
	 * a language; %s is its name in itself ("Français"). */
	ui_message(u, _("Language: %s"), i18n_lang_name(code));
}

void ui_forget_visit(struct ui *u)
{
	screen_pop_to_base(u);
	/* the language was part of the visit */
	if (!i18n_lang_match(u->lang, u->start_lang))
		ui_set_language(u, u->start_lang);
	i18n_reset_language();
	history_clear(&u->hist);
	u->query[0] = '\0';
	u->msg[0] = '\0';
	u->admin_pos = 0;
	view_close(u);
	u->view.page = NULL;
	view_open(u, u->site->home, NULL);
}

void ui_log_content_notes(const struct buf *notes)
{
	char *copy = xstrndup(notes->s ? notes->s : "", notes->len);
	for (char *l = strtok(copy, "\n"); l; l = strtok(NULL, "\n"))
		syslog(LOG_WARNING, "content not usable, falling back: %s", l);
	free(copy);
}

int session_reload(struct ui *u, struct err *e)
{
	struct buf notes = {0};
	char saved[16];
	admin_lang_begin(u, saved);
	struct site *s = content_open(u->opts->cfg->store, u->opts->bundled_dir, u->kiosk, u->kiosk,
				      u->kiosk ? &notes : NULL, e);
	admin_lang_end(u, saved);
	ui_log_content_notes(&notes);
	buf_free(&notes);
	if (!s)
		return -1;
	content_select_lang(s, u->lang);
	screen_close_holding_site(u); /* they point into the old site */
	view_switch_site(u, s);
	return 0;
}
