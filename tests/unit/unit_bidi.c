/* unit_bidi.c - the visual order of right-to-left lines (src/core/bidi.c) and
 * what the layout keeps of it: the map back to the reading order, link
 * columns and clicks, padding, and left-to-right text left alone. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bidi.h"
#include "configfile.h"
#include "layout.h"
#include "model.h"
#include "utf8.h"
#include "util.h"

/* Hebrew has no shaping, so visual order is plain reversal of letters. */
#define ALEF "\xD7\x90"
#define BET "\xD7\x91"
#define GIMEL "\xD7\x92"

static void paragraph_direction(void **state)
{
	(void)state;
	assert_int_equal(bidi_paragraph_rtl(ALEF BET " abc", strlen(ALEF BET " abc")), 1);
	assert_int_equal(bidi_paragraph_rtl("abc " ALEF, strlen("abc " ALEF)), 0);
	assert_int_equal(bidi_paragraph_rtl("123 -- " ALEF, strlen("123 -- " ALEF)), 1);
	assert_int_equal(bidi_paragraph_rtl("123", 3), 0);
	assert_int_equal(bidi_has_rtl("plain text", 10), 0);
	assert_int_equal(bidi_has_rtl("x " GIMEL, strlen("x " GIMEL)), 1);
}

static void reorder_and_map(void **state)
{
	(void)state;
	const char *s = ALEF BET GIMEL " 12";
	struct bidi_line b;
	bidi_reorder(s, strlen(s), 1, 10, &b);
	/* 6 columns of text, padded to 10 on the left; numbers keep their order */
	assert_int_equal(b.width, 10);
	assert_string_equal(b.text, "    12 " GIMEL BET ALEF);
	for (int i = 0; i < 4; i++)
		assert_int_equal(b.log[i], -1);
	assert_int_equal(b.log[4], 7);  /* '1' is byte 7 of the logical line */
	assert_int_equal(b.log[5], 8);
	assert_int_equal(b.log[7], 4);  /* gimel */
	assert_int_equal(b.log[8], 4);  /* both of its bytes */
	assert_int_equal(b.log[11], 0); /* alef, last on the screen */
	bidi_line_free(&b);

	/* a left-to-right line with a Hebrew word: no padding, word reversed */
	s = "a " ALEF BET " b";
	bidi_reorder(s, strlen(s), 0, 10, &b);
	assert_string_equal(b.text, "a " BET ALEF " b");
	assert_int_equal(b.width, 6);
	bidi_line_free(&b);
}

static void marks_dropped(void **state)
{
	(void)state;
	/* U+200E steers "+1-2" to read left to right and is not shown */
	const char *s = ALEF " \xE2\x80\x8E+1-2";
	struct bidi_line b;
	bidi_reorder(s, strlen(s), 1, 0, &b);
	assert_string_equal(b.text, "+1-2 " ALEF);
	bidi_line_free(&b);
}

static void modes(void **state)
{
	(void)state;
	/* the modes are read by the configuration's own choice table */
	struct config c;
	struct err e;
	config_init(&c);
	assert_int_equal(config_set(&c, "bidi", "auto", "test", &e), 0);
	assert_int_equal(c.bidi, BIDI_AUTO);
	assert_int_equal(config_set(&c, "bidi", "on", "test", &e), 0);
	assert_int_equal(c.bidi, BIDI_ON);
	assert_int_equal(config_set(&c, "bidi", "off", "test", &e), 0);
	assert_int_equal(c.bidi, BIDI_OFF);
	assert_int_not_equal(config_set(&c, "bidi", "maybe", "test", &e), 0);
	config_free(&c);
	unsetenv("MLTERM");
	setenv("TERM", "xterm", 1);
	unsetenv("IDMVIEW_BIDI");
	assert_int_equal(bidi_terminal_reorders(), 0);
	setenv("TERM", "mlterm", 1);
	assert_int_equal(bidi_terminal_reorders(), 1);
	setenv("IDMVIEW_BIDI", "on", 1);
	assert_int_equal(bidi_terminal_reorders(), 0);
	setenv("TERM", "xterm", 1);
	setenv("IDMVIEW_BIDI", "off", 1);
	assert_int_equal(bidi_terminal_reorders(), 1);
	unsetenv("IDMVIEW_BIDI");
}

/* A page whose paragraph is Hebrew with a link, laid out with LAYOUT_BIDI. */
static void layout_links(void **state)
{
	(void)state;
	struct page *p = page_new(PAGE_TEXT, "t", ALEF);
	p->blocks = xcalloc(1, sizeof *p->blocks);
	p->nblocks = 1;
	p->loaded = 1;
	struct block *b = &p->blocks[0];
	b->kind = BLOCK_PARA;
	b->spans = xcalloc(2, sizeof *b->spans);
	b->nspans = 2;
	b->spans[0] = (struct span){SPAN_TEXT, xstrdup(ALEF BET " "), NULL, NULL};
	b->spans[1] = (struct span){SPAN_LINK, xstrdup(GIMEL GIMEL), xstrdup("t"), NULL};

	struct layout *l = layout_page(p, 20, LAYOUT_BIDI);
	/* title, rule, blank, the paragraph */
	assert_int_equal(l->nlines, 4);
	const struct line *ln = &l->lines[3];
	assert_non_null(ln->vis);
	/* logical "אב גג[1]" shows as padding, "[1]גג בא" */
	assert_string_equal(ln->vis + ln->vis_len - strlen("[1]" GIMEL GIMEL " " BET ALEF),
			    "[1]" GIMEL GIMEL " " BET ALEF);
	assert_int_equal(ln->width, 20);
	assert_int_equal(l->nlinks, 1);
	/* the link's first letter (its rightmost) is at column 20-4 = 16 */
	assert_int_equal(l->links[0].col, 16);
	assert_int_equal(l->links[0].rtl, 1);
	/* a click anywhere on the link's letters or marker finds it */
	for (int col = 12; col <= 16; col++)
		assert_int_equal(layout_link_at(ln, col), 0);
	assert_int_equal(layout_link_at(ln, 17), -1); /* the space */
	assert_int_equal(layout_link_at(ln, 19), -1); /* alef */
	assert_int_equal(layout_link_at(ln, 2), -1);  /* padding */
	/* the rule under a right-to-left title ends at the right edge */
	assert_int_equal(l->lines[1].width, 20);
	assert_int_equal(l->lines[1].text[19], '=');
	assert_int_equal(l->lines[1].text[18], ' ');
	layout_free(l);

	/* without LAYOUT_BIDI: the reading order, no visual line */
	l = layout_page(p, 20, 0);
	assert_null(l->lines[3].vis);
	layout_free(l);
	page_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paragraph_direction),
		cmocka_unit_test(reorder_and_map),
		cmocka_unit_test(marks_dropped),
		cmocka_unit_test(modes),
		cmocka_unit_test(layout_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
