/* i18n.h - interface translations (gettext) and the reader's language.
 *
 * `_("text")` translates at run time; `N_("text")` only marks a string
 * for xgettext, for tables translated where they are used. Catalogues are
 * po/LL.po, installed as LOCALEDIR/LL/LC_MESSAGES/idmview.mo; a binary run
 * from its build tree reads the build tree's locale/ instead, as
 * datadir_bundled does for the content.
 *
 * The language follows LANGUAGE and LC_MESSAGES as gettext does, and can
 * be changed while running (i18n_set_language): the interface and the
 * content (site_select_lang) change together. */
#ifndef IDM_I18N_H
#define IDM_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* A language the interface is translated into (and English). */
struct i18n_lang {
	const char *code; /* "en", "fr", ... */
	const char *name; /* its own name: "Français", "العربية" */
	const char *english; /* its English name, a msgid: "French" */
	int rtl;          /* written right to left */
};

/* Binds the text domain; call once after setlocale(LC_ALL, ""). Records
 * the starting language for i18n_reset_language. */
void i18n_init(void);

/* The interface language now: a code of i18n_languages(), "en" when
 * nothing else applies. */
const char *i18n_language(void);

/* Switches the interface language to `code` (a code of i18n_languages()).
 * Returns 0, or -1 when the code is not one of them (nothing changes). */
int i18n_set_language(const char *code);

/* Back to the language the program started in (a kiosk's idle reset). */
void i18n_reset_language(void);

/* The interface languages, English first. */
const struct i18n_lang *i18n_languages(size_t *n);

/* The entry of i18n_languages for `code` (a tag like "fr-CH" matches "fr"),
 * or NULL. */
const struct i18n_lang *i18n_lang_find(const char *code);

/* A language's own name for display: its i18n_languages name, else the
 * code itself. */
const char *i18n_lang_name(const char *code);

/* A language's name in the interface language ("anglais" in French), for
 * sentences; the code itself for a language not in i18n_languages. */
const char *i18n_lang_local_name(const char *code);

/* 1 when `a` and `b` name the same language: equal primary subtags,
 * ASCII case-insensitively ("fr" and "fr-CH"). */
int i18n_lang_match(const char *a, const char *b);

/* The note on a page shown in the site's language `have` because it does
 * not exist in `want`, in the interface language. Returns a new string. */
char *i18n_fallback_note(const char *want, const char *have);

#endif
