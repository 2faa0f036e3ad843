/* session.h - the reader's visit: the language it is read in, the
 * content it shows (switched after an update) and forgetting it all. */
#ifndef IDM_SESSION_H
#define IDM_SESSION_H

struct err;
struct ui;

/* The reader's language, for the interface and the content at once: the
 * page on screen is shown again in it, at the same place; results of a
 * search in the old language are closed. */
void ui_set_language(struct ui *u, const char *code);
/* Forgets the visit (history, search, scroll, screens, language) and
 * shows the home menu at the top: a kiosk's idle reset. */
void ui_forget_visit(struct ui *u);
/* Reads the content again as content_open chooses it (a kiosk with its
 * fallbacks, its notes to syslog) and shows it in the reader's language,
 * at the same place when the page is still there. Returns 0, or -1 with
 * `e` filled and the old content still shown. */
int session_reload(struct ui *u, struct err *e);

/* A kiosk's messages for the administrator (syslog: why a background
 * update failed, why a version was passed over) are made in the language
 * the kiosk started in, not in the one a visitor chose: around the calls
 * that make them, begin switches to it and end switches back. Outside a
 * kiosk nothing changes. */
void admin_lang_begin(const struct ui *u, char saved[16]);
void admin_lang_end(const struct ui *u, const char saved[16]);

#endif
