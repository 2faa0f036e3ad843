/* i18n.c - see i18n.h. */
#include "config.h"

#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datadir.h"
#include "util.h"

/* TRANSLATORS: the language names in English are used inside a sentence
 * ("it is shown in English"): write them as they go there. */
static const struct i18n_lang langs[] = {
	{"en", "English", N_("English"), 0},
	{"fr", "Français", N_("French"), 0},
	{"es", "Español", N_("Spanish"), 0},
	{"ar", "العربية", N_("Arabic"), 1},
};
#define NLANGS (sizeof langs / sizeof langs[0])

static char start_lang[8] = "en";
static char current[8] = "en";

const struct i18n_lang *i18n_languages(size_t *n)
{
	*n = NLANGS;
	return langs;
}

static size_t primary_len(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != '-' && s[n] != '_' && s[n] != '.' && s[n] != '@' && s[n] != ':')
		n++;
	return n;
}

int i18n_lang_match(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t na = primary_len(a), nb = primary_len(b);
	return na && na == nb && strncasecmp(a, b, na) == 0;
}

const struct i18n_lang *i18n_lang_find(const char *code)
{
	for (size_t i = 0; code && i < NLANGS; i++)
		if (i18n_lang_match(langs[i].code, code))
			return &langs[i];
	return NULL;
}

const char *i18n_lang_name(const char *code)
{
	const struct i18n_lang *l = i18n_lang_find(code);
	return l ? l->name : code;
}

const char *i18n_lang_local_name(const char *code)
{
	const struct i18n_lang *l = i18n_lang_find(code);
	return l ? _(l->english) : code;
}

/* The language gettext uses now, by its own rules: none but the msgids
 * in the C locale, else the first of LANGUAGE we know, else the
 * LC_MESSAGES locale's language. */
static const char *guess(void)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		return "en";
	const char *env = getenv("LANGUAGE");
	if (env && *env) {
		for (const char *p = env; *p;) {
			const struct i18n_lang *l = i18n_lang_find(p);
			if (l)
				return l->code;
			p = strchr(p, ':');
			if (!p)
				break;
			p++;
		}
	}
	const struct i18n_lang *l = i18n_lang_find(loc);
	return l ? l->code : "en";
}

void i18n_init(void)
{
	char *dir = datadir_locale();
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	free(dir);
	strcpy(current, guess());
	strcpy(start_lang, current);
}

const char *i18n_language(void)
{
	return current;
}

int i18n_set_language(const char *code)
{
	const struct i18n_lang *l = i18n_lang_find(code);
	if (!l)
		return -1;
	/* gettext ignores LANGUAGE in the C locale; C.UTF-8 has the same
	 * rules but lets it through. */
	const char *loc = setlocale(LC_MESSAGES, NULL);
	if ((!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0) &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", l->code, 1);
	textdomain(PACKAGE); /* forgets the translations gettext has cached */
	strcpy(current, l->code);
	return 0;
}

void i18n_reset_language(void)
{
	i18n_set_language(start_lang);
}

char *i18n_fallback_note(const char *want, const char *have)
{
	/* TRANSLATORS: the first %s is the language the reader chose, the
	 * second the one the page is shown in, each as translated above
	 * ("French", "English"). */
	return xasprintf(_("This page is not available in %s; it is shown in %s."),
			 i18n_lang_local_name(want), have ? i18n_lang_local_name(have) : "?");
}
