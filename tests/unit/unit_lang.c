/* unit_lang.c - content in several languages: site_select_lang on the
 * fixture site tests/fixtures/lang, switched back and forth, and the
 * loader's refusals for bad translation elements. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "i18n.h"
#include "loader.h"
#include "model.h"
#include "unit.h"
#include "util.h"

#define FIX TEST_SRCDIR "/fixtures/lang"

static struct site *load(void)
{
	struct err e = {0};
	struct site *s = loader_load_site(FIX, &e);
	if (!s)
		fail_msg("%s", e.msg);
	return s;
}

static void check_lang(struct site *s, const char *code)
{
	struct page *home = site_find(s, "home"), *hot = site_find(s, "hotline"),
		    *con = site_find(s, "contact");
	struct err e = {0};
	size_t n = site_select_lang(s, code, "NOTE");
	int fr = code && !strcmp(code, "fr"), es = code && !strcmp(code, "es"),
	    ar = code && !strcmp(code, "ar");
	const char *home_t = fr ? "Accueil" : es ? "Inicio" : ar ? "الرئيسية" : "Home";
	const char *hot_f = fr ? "hotline.fr.xml" : es ? "hotline.es.xml" : ar ? "hotline.ar.xml"
						     : "hotline.xml";
	const char *label = fr ? "Obtenir de l’aide" : es ? "Obtener ayuda"
				: ar ? "الحصول على المساعدة" : "Get help";
	assert_string_equal(home->title, home_t);
	assert_string_equal(hot->file, hot_f);
	assert_string_equal(con->file, es ? "contact.es.xml" : "contact.xml");
	assert_string_equal(con->title, es ? "Contacto" : "Contact");
	assert_non_null(strstr(home->entries[0].label, label));
	/* the note: where the reader asked for a language the page lacks */
	int en = !code || !strcmp(code, "en");
	if (con->lang_missing != (!en && !es))
		fail_msg("%s: contact lang_missing %d", code ? code : "(null)", con->lang_missing);
	assert_int_equal(hot->lang_missing, !en && !fr && !es && !ar);
	if (con->lang_missing)
		assert_string_equal(con->lang_note, "NOTE");
	assert_int_equal(home->lang_missing, 0); /* menus carry no note */
	/* pages that exist in the language: hotline in all four, contact in es */
	assert_int_equal(n, !code ? 0 : en ? 2 : es ? 2 : (fr || ar) ? 1 : 0);
	/* the page reads from its file in that language */
	assert_int_equal(loader_load_page(s, hot, &e), 0);
	assert_true(hot->nblocks > 0);
}

static void switching(void **state)
{
	(void)state;
	struct site *s = load();
	static const char *seq[] = {"fr", "es", "en", "ar", "de", "fr", NULL, "es", "ar", "en"};
	for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++)
		check_lang(s, seq[i]);
	const char *langs[8];
	size_t n = site_languages(s, langs, 8);
	assert_int_equal(n, 4);
	assert_string_equal(langs[0], "en");
	site_free(s);
}

static void refusals(void **state)
{
	(void)state;
	static const struct {
		const char *index, *msg;
	} cases[] = {
		{"<translation lang='fr' title='A'/><translation lang='fr' title='B'/>",
		 "a second translation into the same language"},
		{"<translation lang='fr' title='A'/><translation lang='FR-ca' title='B'/>",
		 "a second translation into the same language"},
	};
	char *dir = unit_scratch();
	unit_put(dir, "p.xml", "<page id='p'><p>x</p></page>\n");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *index = xasprintf("<site title='S' lang='en'>%s<menu id='home' title='H'>"
					"<item page='p'/></menu><page id='p' file='p.xml' title='P'/>"
					"</site>\n", cases[i].index);
		unit_put(dir, "site.xml", index);
		free(index);
		struct err e = {0};
		struct site *s = loader_load_site(dir, &e);
		if (s || !strstr(e.msg, cases[i].msg))
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i, cases[i].msg,
				 s ? "(accepted)" : e.msg);
	}
	/* a page translation must name a plain file */
	unit_put(dir, "site.xml",
		 "<site title='S' lang='en'><menu id='home' title='H'><item page='p'/></menu>"
		 "<page id='p' file='p.xml' title='P'><translation lang='fr' file='../x.xml' "
		 "title='Q'/></page></site>\n");
	struct err e = {0};
	assert_null(loader_load_site(dir, &e));
	unit_scratch_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(switching),
		cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
