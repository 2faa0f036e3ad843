/* language.c - the language screen: the languages of the interface and of
 * the content, each in its own name; choosing one changes both at once. */
#include "config.h"

#include "language.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "list.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "utf8.h"

#define MAX_LANGS 32

struct language {
	struct screen s;
	struct list l; /* the focused language in l.sel; all are shown */
};

static struct language *language_of(struct screen *s)
{
	return (struct language *)s;
}

/* The choices: the interface's languages, then any other language the
 * content has. */
static size_t choices(const struct ui *u, const char **out)
{
	size_t n = 0, ni;
	const struct i18n_lang *il = i18n_languages(&ni);
	for (size_t i = 0; i < ni && n < MAX_LANGS; i++)
		out[n++] = il[i].code;
	const char *cl[MAX_LANGS];
	size_t nc = site_languages(u->site, cl, MAX_LANGS);
	for (size_t i = 0; i < nc && i < MAX_LANGS && n < MAX_LANGS; i++) {
		int seen = 0;
		for (size_t k = 0; k < n && !seen; k++)
			seen = i18n_lang_match(out[k], cl[i]);
		if (!seen)
			out[n++] = cl[i];
	}
	return n;
}

/* The line for language `code`: its own name, and what the chooser
 * gets in it when only part of the program or content exists in it. */
static void entry_text(const struct ui *u, const char *code, char *buf, size_t n)
{
	int iface = i18n_lang_find(code) != NULL;
	int content = 0;
	const char *cl[MAX_LANGS];
	size_t nc = site_languages(u->site, cl, MAX_LANGS);
	for (size_t i = 0; i < nc && i < MAX_LANGS; i++)
		content |= i18n_lang_match(cl[i], code);
	const char *what = NULL;
	if (!content)
		/* TRANSLATORS: after a language's name in the language list:
		 * the program's words are in it, the pages are not. */
		what = _("interface only");
	else if (!iface)
		/* TRANSLATORS: after a language's name in the language list:
		 * some pages are in it, the program's words are not. */
		what = _("pages only");
	if (what)
		snprintf(buf, n, "%s (%s)", i18n_lang_name(code), what);
	else
		snprintf(buf, n, "%s", i18n_lang_name(code));
}

/* The text of choice i, for announcements. */
static void entry(const struct ui *u, size_t i, char *buf, size_t n)
{
	const char *c[MAX_LANGS];
	size_t nc = choices(u, c);
	if (i >= nc) {
		buf[0] = '\0';
		return;
	}
	entry_text(u, c[i], buf, n);
}

static void draw(struct ui *u, struct screen *s)
{
	size_t focus = language_of(s)->l.sel;
	const char *c[MAX_LANGS];
	size_t n = choices(u, c);
	int margin = ui_margin(), w = ui_width();
	char line[256];
	int y = 1;
	attrset(A_BOLD);
	ui_put_text(u, y++, margin, _("Language"), w);
	attrset(A_NORMAL);
	y++;
	int sely = 1, selx = margin + 2;
	/* mirrored in a right-to-left interface: names to the right, the
	 * marker at the right edge pointing at them */
	int rtl = ui_chrome_rtl(u), box = w - 2 > LAYOUT_MIN_WIDTH ? w - 2 : LAYOUT_MIN_WIDTH;
	for (size_t i = 0; i < n && y < LINES - 1; i++, y++) {
		entry_text(u, c[i], line, sizeof line);
		/* laid out as page text is: safe, and "العربية" right to left */
		struct layout *l = layout_para(line, box, u->flags & ~LAYOUT_LANG_ENTRY);
		if (l->nlines) {
			struct line *ln = &l->lines[0];
			/* a right-to-left name is already padded to the right */
			int x = rtl ? margin + (ln->vis ? 0 : box - ln->width) : margin + 2;
			if (i == focus) {
				mvaddstr(y, rtl ? margin + box + 1 : margin, rtl ? "<" : ">");
				sely = y;
				/* the cursor where the name begins */
				selx = x;
				for (size_t j = 0; ln->vis && j < ln->vis_len; j++)
					if (ln->vis_log[j] == 0) {
						selx = x + utf8_strwidth(ln->vis, j);
						break;
					}
			}
			struct lrun whole = {0, ln->len, 0, i == focus ? 0 : -1};
			struct lrun *keep = ln->runs;
			size_t nkeep = ln->nruns;
			ln->runs = &whole;
			ln->nruns = 1;
			ui_draw_line(ln, y, x, 0, NULL, 0, 0);
			ln->runs = keep;
			ln->nruns = nkeep;
		}
		layout_free(l);
	}
	move(sely, selx); /* the cursor on the focused language */
}

static struct screen_result action(struct ui *u, struct screen *s, enum action a)
{
	struct list *l = &language_of(s)->l;
	const char *c[MAX_LANGS];
	l->n = l->rows = choices(u, c);
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	switch (a) {
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
		list_move(l, a == ACT_NEXT_LINK ? ACT_DOWN : ACT_UP);
		break;
	case ACT_DOWN:
	case ACT_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
		list_move(l, a);
		break;
	case ACT_FOLLOW:
		r.verb = SCREEN_CHOOSE_LANGUAGE;
		r.lang = c[l->sel];
		break;
	case ACT_HELP:
		r.verb = SCREEN_NOT_MINE; /* help opens over the list */
		break;
	default:
		/* Back, q, or another key: leave the language as it was */
		r.verb = SCREEN_CLOSE;
		break;
	}
	return r;
}

static const char *title(const struct ui *u, const struct screen *s)
{
	(void)u, (void)s;
	return _("Language");
}

static size_t focus(const struct screen *s)
{
	return ((const struct language *)s)->l.sel;
}

static void say(struct ui *u, struct screen *s, enum screen_event ev)
{
	char line[128];
	if (ev == SCREEN_CLOSED)
		return;
	entry(u, focus(s), line, sizeof line);
	if (ev == SCREEN_OPENED)
		/* TRANSLATORS: %s is the language now focused */
		ui_message(u, _("Choose a language with Up and Down, then Enter: %s"), line);
	else
		ui_message(u, "%s", line);
}

static const struct screen_ops language_ops = {
	.draw = draw,
	.action = action,
	.click = screen_click_closes,
	.title = title,
	.focus = focus,
	.say = say,
};

struct screen *language_new(const struct ui *u)
{
	struct language *g = xcalloc(1, sizeof *g);
	g->s.ops = &language_ops;
	g->l.wrap = 1;
	const char *c[MAX_LANGS];
	size_t n = choices(u, c);
	for (size_t i = 0; i < n; i++)
		if (i18n_lang_match(c[i], u->lang))
			g->l.sel = i;
	return &g->s;
}
