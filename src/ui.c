/* ui.c - the browser: terminal set-up, the key table, the input loop, and
 * the title and status lines. */
#include "config.h"

#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bidi.h"
#include "i18n.h"
#include "loader.h"
#include "store.h"
#include "ui_curses.h"
#include "ui_screen.h"
#include "update.h"
#include "utf8.h"

#define CTRL(c) ((c) & 0x1f)

/* Every key binding. Help lists actions with these keys; dispatch reads
 * the same rows. `name` is how help shows the key. */
static const struct binding {
	int key;
	int is_fn; /* a KEY_* code rather than a character */
	const char *name;
	enum action act;
} bindings[] = {
	{KEY_DOWN, 1, "Down", ACT_DOWN},
	{'j', 0, "j", ACT_DOWN},
	{KEY_UP, 1, "Up", ACT_UP},
	{'k', 0, "k", ACT_UP},
	{' ', 0, "Space", ACT_PAGE_DOWN},
	{KEY_NPAGE, 1, "PgDn", ACT_PAGE_DOWN},
	{'f', 0, "f", ACT_PAGE_DOWN},
	{KEY_PPAGE, 1, "PgUp", ACT_PAGE_UP},
	{'b', 0, "b", ACT_PAGE_UP},
	{KEY_HOME, 1, "Home", ACT_TOP},
	{'g', 0, "g", ACT_TOP},
	{KEY_END, 1, "End", ACT_BOTTOM},
	{'G', 0, "G", ACT_BOTTOM},
	{'\t', 0, "Tab", ACT_NEXT_LINK},
	{KEY_BTAB, 1, "Shift-Tab", ACT_PREV_LINK},
	{'\n', 0, "Enter", ACT_FOLLOW},
	{'\r', 0, NULL, ACT_FOLLOW},
	{KEY_ENTER, 1, NULL, ACT_FOLLOW},
	{KEY_RIGHT, 1, "Right", ACT_FOLLOW},
	{'l', 0, "l", ACT_FOLLOW},
	{KEY_LEFT, 1, "Left", ACT_BACK},
	{KEY_BACKSPACE, 1, "Backspace", ACT_BACK},
	{127, 0, NULL, ACT_BACK},
	{CTRL('h'), 0, NULL, ACT_BACK},
	{'h', 0, "h", ACT_BACK},
	{'m', 0, "m", ACT_HOME},
	{'/', 0, "/", ACT_SEARCH},
	{'n', 0, "n", ACT_SEARCH_NEXT},
	{'N', 0, "N", ACT_SEARCH_PREV},
	{'s', 0, "s", ACT_SEARCH_ALL},
	{KEY_F(1), 1, "F1", ACT_HELP},
	{'?', 0, "?", ACT_HELP},
	{'L', 0, "L", ACT_LANGUAGE},
	{'U', 0, "U", ACT_UPDATE},
	{CTRL('l'), 0, "Ctrl-L", ACT_REDRAW},
	{'q', 0, "q", ACT_QUIT},
};

static const char *const action_desc[] = {
	[ACT_NONE] = "",
#define X(name, desc) [name] = desc,
	ACTIONS(X)
#undef X
};

/* How each kind of text is shown. No theme relies on colour: only the
 * attributes every terminal has. */
struct theme {
	int bold, underline, em; /* LA_BOLD, LA_UNDERLINE, LA_EM */
	int selected;            /* the selected link or menu entry */
	int match;               /* a search match */
	int bar;                 /* the title and status lines */
};

static const struct theme themes[] = {
	[THEME_DEFAULT] = {A_BOLD, A_UNDERLINE, A_ITALIC, A_REVERSE, A_STANDOUT | A_BOLD, A_REVERSE},
	[THEME_HIGH_CONTRAST] = {A_BOLD, A_BOLD | A_UNDERLINE, A_BOLD, A_REVERSE | A_BOLD,
				 A_REVERSE | A_BOLD | A_UNDERLINE, A_REVERSE | A_BOLD},
	/* for terminals that show bold or italic badly: underline and reverse */
	[THEME_MONOCHROME] = {0, A_UNDERLINE, 0, A_REVERSE, A_UNDERLINE | A_REVERSE, A_REVERSE},
};

static const struct theme *theme = &themes[THEME_DEFAULT];

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

const char *ui_keys(enum action a, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		if (bindings[i].act != a || !bindings[i].name)
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", bindings[i].name);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

/* help.c reads the table through these two. */
size_t ui_action_count(void);
const char *ui_action_desc(enum action a);
size_t ui_action_count(void)
{
	return ACT_COUNT;
}
const char *ui_action_desc(enum action a)
{
	return action_desc[a];
}

static enum action lookup(int key, int is_fn)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key && bindings[i].is_fn == is_fn)
			return bindings[i].act;
	return ACT_NONE;
}

int ui_rows(void)
{
	return LINES - 2;
}

int ui_margin(void)
{
	return COLS >= 40 ? 1 : 0;
}

int ui_width(void)
{
	return COLS - 2 * ui_margin();
}

void ui_message(struct ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
}

static int attr_of(unsigned la)
{
	int a = 0;
	if (la & LA_BOLD)
		a |= theme->bold;
	if (la & LA_UNDERLINE)
		a |= theme->underline;
	if (la & LA_EM)
		a |= theme->em;
	return a;
}

/* Whether logical offset `off` of line `lineno` is in a search match. */
static int in_match(const struct match *m, size_t nm, size_t lineno, size_t off)
{
	for (size_t k = 0; k < nm; k++)
		if (m[k].line == lineno && off >= m[k].off && off < m[k].off + m[k].len)
			return 1;
	return 0;
}

/* The attributes of the character at logical offset `off`. */
static int attr_at(const struct line *ln, size_t off, int sel_link)
{
	for (size_t r = 0; r < ln->nruns; r++) {
		const struct lrun *run = &ln->runs[r];
		if (off >= run->off && off < run->off + run->len) {
			int a = attr_of(run->attr);
			if (run->link >= 0 && run->link == sel_link)
				a |= theme->selected;
			return a;
		}
	}
	return (int)A_NORMAL;
}

/* A line in visual order (right-to-left text): character by character,
 * each with the attributes of the logical character it shows, so links
 * and search matches are marked where they appear. */
static void draw_visual(const struct line *ln, int y, int x, int sel_link,
			const struct match *m, size_t nm, size_t lineno)
{
	size_t i = 0;
	int col = 0;
	while (i < ln->vis_len) {
		int lo = ln->vis_log[i];
		int a = lo < 0 ? (int)A_NORMAL : attr_at(ln, (size_t)lo, sel_link);
		if (lo >= 0 && in_match(m, nm, lineno, (size_t)lo))
			a |= theme->match;
		size_t j = i;
		while (j < ln->vis_len) {
			int lj = ln->vis_log[j];
			int b = lj < 0 ? (int)A_NORMAL : attr_at(ln, (size_t)lj, sel_link);
			if (lj >= 0 && in_match(m, nm, lineno, (size_t)lj))
				b |= theme->match;
			if (b != a)
				break;
			j++;
		}
		attrset(a);
		mvaddnstr(y, x + col, ln->vis + i, (int)(j - i));
		col += utf8_strwidth(ln->vis + i, j - i);
		i = j;
	}
	attrset(A_NORMAL);
}

void ui_draw_line(const struct line *ln, int y, int x, int sel_link,
		  const struct match *m, size_t nm, size_t lineno)
{
	if (ln->vis) {
		draw_visual(ln, y, x, sel_link, m, nm, lineno);
		return;
	}
	for (size_t r = 0; r < ln->nruns; r++) {
		const struct lrun *run = &ln->runs[r];
		int base = attr_of(run->attr);
		if (run->link >= 0 && run->link == sel_link)
			base |= theme->selected;
		/* split the run where search matches start and end */
		size_t i = run->off, end = run->off + run->len;
		while (i < end) {
			size_t j = end;
			int hl = 0;
			for (size_t k = 0; k < nm; k++) {
				if (m[k].line != lineno)
					continue;
				size_t ms = m[k].off, me = m[k].off + m[k].len;
				if (ms <= i && i < me) {
					hl = 1;
					if (me < j)
						j = me;
				} else if (ms > i && ms < j) {
					j = ms;
				}
			}
			attrset(base | (hl ? theme->match : 0));
			mvaddnstr(y, x + utf8_strwidth(ln->text, i), ln->text + i, (int)(j - i));
			i = j;
		}
	}
	attrset(A_NORMAL);
}

/* Text for the chrome lines, made safe like content and cut to `cols`
 * columns; `from_left` keeps the end of the text when it is too long.
 * A cut is shown with an ellipsis, so that a clipped word does not read
 * as a whole one ("Migrati"). */
static void put_clipped(int y, int x, const char *s, int cols, int flags, int from_left)
{
	struct buf b = {0};
	int space = 0;
	layout_sanitize(s, strlen(s), flags, &space, &b);
	const char *t = b.s ? b.s : "";
	size_t n = b.len;
	const char *ell = (flags & LAYOUT_ASCII) ? "..." : "\xe2\x80\xa6";
	int ellw = (flags & LAYOUT_ASCII) ? 3 : 1;
	int cut = utf8_strwidth(t, n) > cols;
	int room = cut && cols > ellw ? cols - ellw : cols;
	if (!cut || cols <= ellw)
		ell = "";
	while (utf8_strwidth(t, n) > room && n) {
		if (from_left) {
			uint32_t cp;
			size_t l = utf8_decode(t, n, &cp);
			t += l;
			n -= l;
		} else {
			do
				n--;
			while (n && ((unsigned char)t[n] & 0xC0) == 0x80);
		}
	}
	/* what fits, in the order the terminal must show it */
	struct bidi_line v = {0};
	if ((flags & LAYOUT_BIDI) && bidi_has_rtl(t, n)) {
		bidi_reorder(t, n, bidi_paragraph_rtl(t, n), 0, &v);
		t = v.text;
		n = v.len;
	}
	if (from_left) {
		mvaddstr(y, x, ell);
		addnstr(t, (int)n);
	} else {
		mvaddnstr(y, x, t, (int)n);
		addstr(ell);
	}
	bidi_line_free(&v);
	buf_free(&b);
}

void ui_put_text(const struct ui *u, int y, int x, const char *s, int cols)
{
	if (cols > 0)
		put_clipped(y, x, s, cols, u->flags, 0);
}

/* Shows site s in the reader's language. */
static void select_language(struct ui *u, struct site *s)
{
	if (s->lang && i18n_lang_match(u->lang, s->lang) && !s->asked)
		return;
	char *note = i18n_fallback_note(u->lang, s->lang);
	site_select_lang(s, u->lang, note);
	free(note);
}

void ui_set_language(struct ui *u, const char *code)
{
	/* a language only the content has leaves the interface as it is */
	(void)i18n_set_language(code);
	snprintf(u->lang, sizeof u->lang, "%s", code);
	if (u->sv)
		searchview_close(u); /* its results are in the old language */
	/* the layout points into the pages, which may be read again */
	struct place here = pager_place(u);
	struct page *p = u->view.page;
	pager_close(u);
	select_language(u, u->site);
	u->view.page = NULL;
	pager_open(u, p, &here);
	/* TRANSLATORS: said on the status line when the reader has chosen
	 * a language; %s is its name in itself ("Français"). */
	ui_message(u, _("Language: %s"), i18n_lang_name(code));
}

void ui_reset_language(struct ui *u)
{
	if (!i18n_lang_match(u->lang, u->start_lang))
		ui_set_language(u, u->start_lang);
	i18n_reset_language();
	u->lang_open = 0;
}

/* The end of an update: switch to the new content when there is some. */
static void update_finish(struct ui *u)
{
	enum update_state st = update_poll(u->upd, 0, -1);
	if (st == UPDATE_OK && update_switched(u->upd) && !u->opts->fixed_dir) {
		struct err e = {{0}};
		char *dir = store_content_dir(u->opts->cfg->store, u->opts->bundled_dir);
		struct site *s = loader_load_site(dir, &e);
		free(dir);
		if (!s) {
			ui_message(u, "The update is installed but cannot be read: %s", e.msg);
		} else {
			ui_message(u, "Updated: %s", update_message(u->upd));
			select_language(u, s);
			searchview_close(u); /* its results point into the old site */
			pager_switch_site(u, s);
		}
	} else if (st == UPDATE_OK) {
		ui_message(u, "Update: %s", update_message(u->upd));
	} else {
		ui_message(u, "Update failed, the content is unchanged: %s", update_message(u->upd));
	}
	update_free(u->upd);
	u->upd = NULL;
}

static void update_toggle(struct ui *u)
{
	if (u->upd) {
		update_cancel(u->upd);
		update_free(u->upd);
		u->upd = NULL;
		ui_message(u, "Update cancelled; the content is unchanged.");
		return;
	}
	struct err e = {{0}};
	u->upd = u->opts->cfg ? update_begin(u->opts->cfg, &e) : NULL;
	if (!u->upd)
		ui_message(u, "Cannot update: %s", u->opts->cfg ? e.msg : "no settings");
}

static void human(char *buf, size_t n, double bytes)
{
	if (bytes < 1024)
		snprintf(buf, n, "%.0f B", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, "%.1f KiB", bytes / 1024);
	else
		snprintf(buf, n, "%.1f MiB", bytes / (1024 * 1024));
}

static void update_status(const struct ui *u, char *buf, size_t n)
{
	struct update_progress p;
	char done[32], total[32], rate[32];
	update_progress(u->upd, &p);
	human(done, sizeof done, (double)p.done);
	human(total, sizeof total, (double)p.total);
	human(rate, sizeof rate, p.rate);
	if (p.phase == UPDATE_PHASE_FILES && p.eta >= 0)
		snprintf(buf, n, "Updating: %u/%u files, %s of %s, %s/s, %ld s left (U cancels)",
			 p.files_done, p.files_total, done, total, rate, p.eta);
	else if (p.phase == UPDATE_PHASE_FILES)
		snprintf(buf, n, "Updating: %u/%u files, %s of %s, %s/s (U cancels)",
			 p.files_done, p.files_total, done, total, rate);
	else
		snprintf(buf, n, "Updating: %s... (U cancels)", update_phase_name(p.phase));
}

/* Which screenful of the page the reader sees, of how many. */
static void screen_of(struct ui *u, size_t *page, size_t *pages)
{
	int rows = ui_rows();
	size_t n = u->help ? help_count(u) : u->view.lay ? u->view.lay->nlines : 0;
	size_t top = u->help ? u->help_top : u->view.top;
	*pages = rows > 0 ? (n + (size_t)rows - 1) / (size_t)rows : 1;
	*page = rows > 0 ? top / (size_t)rows + 1 : 1;
	if (*pages < 1)
		*pages = 1;
	if (top + (size_t)rows >= n && n)
		*page = *pages;
}

/* What the reader sees, to tell what changed (the accessible mode says
 * it in words). */
struct state {
	const struct page *page;
	int sel;
	size_t top;
	int help, lang_open;
	size_t lang_sel;
};

static struct state state_of(const struct ui *u)
{
	return (struct state){u->view.page, u->view.sel, u->view.top, u->help, u->lang_open,
			      u->lang_sel};
}

/* Says on the status line, in words, what changed from `was`, unless
 * something already said more (an error, a search). */
static void announce(struct ui *u, const struct state *was)
{
	if (u->msg[0])
		return;
	const struct layout *l = u->view.lay;
	size_t page, pages;
	screen_of(u, &page, &pages);
	if (u->help && !was->help) {
		ui_message(u, "%s", _("Help: the keys. Press q to close it."));
	} else if (!u->help && was->help) {
		ui_message(u, "%s", _("Help closed."));
	} else if (u->lang_open && (!was->lang_open || u->lang_sel != was->lang_sel)) {
		char line[128];
		language_entry(u, u->lang_sel, line, sizeof line);
		if (!was->lang_open)
			/* TRANSLATORS: %s is the language now focused */
			ui_message(u, _("Choose a language with Up and Down, then Enter: %s"), line);
		else
			ui_message(u, "%s", line);
	} else if (u->view.page != was->page) {
		if (u->view.page->kind == PAGE_MENU)
			/* TRANSLATORS: a menu has opened; %s is its title */
			ui_message(u, _("Menu: %s."), u->view.page->title);
		else
			/* TRANSLATORS: a page has opened: its title, then how
			 * many screenfuls it has */
			ui_message(u, _("Page: %s. Screen 1 of %zu."), u->view.page->title, pages);
		if (u->view.sel >= 0 && (size_t)u->view.sel < l->nlinks) {
			size_t len = strlen(u->msg);
			char item[256];
			snprintf(item, sizeof item, _("Item %d of %zu: %s"), u->view.sel + 1, l->nlinks,
				 l->links[u->view.sel].text);
			snprintf(u->msg + len, sizeof u->msg - len, " %s", item);
		}
	} else if (u->view.sel != was->sel && u->view.sel >= 0 &&
		   (size_t)u->view.sel < l->nlinks) {
		const struct link *lk = &l->links[u->view.sel];
		if (u->view.page->kind == PAGE_MENU)
			ui_message(u, _("Item %d of %zu: %s"), u->view.sel + 1, l->nlinks, lk->text);
		else
			ui_message(u, _("Link %d of %zu: %s"), u->view.sel + 1, l->nlinks, lk->text);
	} else if (u->view.top != was->top) {
		if (u->view.top == 0)
			ui_message(u, _("Top of the page. Screen 1 of %zu."), pages);
		else if (page == pages)
			ui_message(u, _("End of the page. Screen %zu of %zu."), page, pages);
		else
			ui_message(u, _("Screen %zu of %zu."), page, pages);
	}
}

static void draw_chrome(struct ui *u)
{
	const struct page *p = u->view.page;
	int ascii = u->flags & LAYOUT_ASCII;

	/* accessible: no bars, the words alone */
	int bar = u->accessible ? (int)A_NORMAL : theme->bar;
	attrset(bar);
	mvhline(0, 0, ' ', COLS);
	const char *title = u->help ? "Help: keys" : u->lang_open ? _("Language") : u->site->title;
	/* a margin when there is room for it (and not accessible: the words
	 * alone); a whole title before that */
	int tx = !u->accessible && utf8_strwidth(title, strlen(title)) + 1 < COLS ? 1 : 0;
	put_clipped(0, tx, title, COLS - tx, u->flags, 0);
	attrset(A_NORMAL);

	int y = LINES - 1;
	attrset(bar);
	mvhline(y, 0, ' ', COLS);
	if (u->msg[0]) {
		put_clipped(y, 0, u->msg, COLS, u->flags, 0);
	} else if (u->upd) {
		char line[256];
		update_status(u, line, sizeof line);
		put_clipped(y, 0, line, COLS, u->flags, 0);
	} else if (u->sv) {
		put_clipped(y, 0, "Search results: Enter opens, q goes back, s searches again", COLS, u->flags, 0);
	} else {
		char right[64];
		size_t page, pages;
		screen_of(u, &page, &pages);
		if (COLS >= 60)
			snprintf(right, sizeof right, " page %zu/%zu  ?:help q:quit ", page, pages);
		else
			snprintf(right, sizeof right, " %zu/%zu ?:help ", page, pages);
		int rw = (int)strlen(right);
		if (rw > COLS)
			rw = 0;
		else
			mvaddstr(y, COLS - rw, right);
		if (u->help) {
			put_clipped(y, 0, "Help", COLS - rw, u->flags, 1);
		} else {
			char *crumb = page_breadcrumb(p, ascii ? " > " : " \xe2\x80\xba ");
			put_clipped(y, 0, crumb, COLS - rw, u->flags, 1);
			free(crumb);
		}
	}
	attrset(A_NORMAL);
}

/* The message for a terminal smaller than 20x5, wrapped at spaces to
 * whatever room there is, so that even 10x3 says what is wrong. */
static void draw_too_small(void)
{
	char text[160];
	snprintf(text, sizeof text, "Terminal too small (%dx%d): need at least %dx5. "
		 "Make it bigger, or press q to quit.", COLS, LINES, LAYOUT_MIN_WIDTH);
	const char *s = text;
	for (int y = 0; y < LINES && *s; y++) {
		int len = (int)strlen(s), cut = len;
		if (len > COLS) {
			cut = COLS;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = COLS;
		}
		mvaddnstr(y, 0, s, cut);
		s += cut;
		while (*s == ' ')
			s++;
	}
	move(0, 0);
	refresh();
}

static void draw(struct ui *u)
{
	erase();
	if (COLS < LAYOUT_MIN_WIDTH || LINES < 5) {
		draw_too_small();
		return;
	}
	if (u->help)
		help_draw(u);
	else if (u->lang_open)
		language_draw(u);
	else if (u->sv)
		searchview_draw(u);
	else
		pager_draw(u);
	int cy, cx;
	getyx(stdscr, cy, cx);
	draw_chrome(u);
	move(cy, cx); /* the cursor rests on the selection, for screen readers */
	refresh();
}

/* The prompt line: the label, then as much of the end of the input as
 * fits, with the cursor where the next character goes. Right-to-left
 * words (an Arabic label or query) are shown in visual order; the cursor
 * then goes beside the last character typed, on the side the next one
 * will appear. */
static void prompt_draw(const struct ui *u, const char *label, const char *buf)
{
	int y = LINES - 1;
	attrset(A_NORMAL);
	move(y, 0);
	clrtoeol();
	int room = COLS - utf8_strwidth(label, strlen(label)) - 1;
	const char *shown = buf;
	while (*shown && utf8_strwidth(shown, strlen(shown)) > room) {
		uint32_t cp;
		shown += utf8_decode(shown, strlen(shown), &cp); /* whole characters */
	}
	struct buf line = {0};
	buf_adds(&line, label);
	buf_adds(&line, shown);
	if (!(u->flags & LAYOUT_BIDI) || !bidi_has_rtl(line.s, line.len)) {
		mvaddstr(y, 0, line.s); /* the cursor ends after the input */
		buf_free(&line);
		return;
	}
	struct bidi_line v;
	int rtl = bidi_paragraph_rtl(line.s, line.len);
	bidi_reorder(line.s, line.len, rtl, 0, &v);
	mvaddnstr(y, 0, v.text, (int)v.len);
	/* the last character typed (or the label's, when nothing is) */
	size_t last = line.len;
	do
		last--;
	while (last > 0 && ((unsigned char)line.s[last] & 0xC0) == 0x80);
	int x = v.width;
	for (size_t j = 0; j < v.len; j++) {
		if (v.log[j] != (int)last)
			continue;
		int col = utf8_strwidth(v.text, j);
		x = bidi_has_rtl(line.s + last, line.len - last) ? col - 1 : col + 1;
		break;
	}
	if (x < 0)
		x = 0;
	move(y, x < COLS ? x : COLS - 1);
	bidi_line_free(&v);
	buf_free(&line);
}

int ui_prompt(struct ui *u, const char *label, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (;;) {
		prompt_draw(u, label, buf);
		refresh();
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			if (got_signal)
				return -1;
			struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
			poll(&pfd, 1, -1);
			continue;
		}
		if (r == KEY_CODE_YES) {
			if (ch == KEY_ENTER)
				return 0;
			if (ch == KEY_BACKSPACE && len) {
				do
					len--;
				while (len && ((unsigned char)buf[len] & 0xC0) == 0x80);
				buf[len] = '\0';
			}
			if (ch == KEY_RESIZE)
				return -1;
			continue;
		}
		if (ch == '\n' || ch == '\r')
			return 0;
		if (ch == 27 || ch == CTRL('g') || ch == CTRL('c'))
			return -1;
		if (ch == 127 || ch == CTRL('h')) {
			if (len) {
				do
					len--;
				while (len && ((unsigned char)buf[len] & 0xC0) == 0x80);
				buf[len] = '\0';
			}
			continue;
		}
		if (ch == CTRL('u')) {
			len = 0;
			buf[0] = '\0';
			continue;
		}
		if (ch < 0x20 || (ch >= 0x7F && ch < 0xA0))
			continue;
		char enc[4];
		size_t l = utf8_encode((uint32_t)ch, enc);
		if (len + l < n) {
			memcpy(buf + len, enc, l);
			len += l;
			buf[len] = '\0';
		}
	}
}

static void handle_mouse(struct ui *u)
{
	MEVENT me;
	if (getmouse(&me) != OK)
		return;
	if (me.bstate & BUTTON4_PRESSED) {
		if (u->help)
			help_action(u, ACT_UP);
		else if (u->sv)
			searchview_action(u, ACT_UP);
		else
			pager_scroll(u, -3);
	}
#ifdef BUTTON5_PRESSED
	else if (me.bstate & BUTTON5_PRESSED) {
		if (u->help)
			help_action(u, ACT_DOWN);
		else if (u->sv)
			searchview_action(u, ACT_DOWN);
		else
			pager_scroll(u, 3);
	}
#endif
	else if (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		if (u->help)
			u->help = 0;
		else if (u->lang_open)
			u->lang_open = 0;
		else if (u->sv && !(me.bstate & BUTTON1_RELEASED))
			searchview_click(u, me.y);
		else if (!(me.bstate & BUTTON1_RELEASED))
			pager_click(u, me.y, me.x);
	}
}

static void dispatch(struct ui *u, enum action a)
{
	if (a == ACT_QUIT && u->help) {
		u->help = 0;
	} else if (a == ACT_QUIT && u->lang_open) {
		u->lang_open = 0;
	} else if (a == ACT_QUIT && u->sv) {
		searchview_close(u); /* q leaves the list, as it leaves help */
	} else if (a == ACT_QUIT) {
		u->quit = 1;
	} else if (a == ACT_UPDATE) {
		update_toggle(u);
	} else if (a == ACT_REDRAW) {
		clearok(curscr, TRUE);
	} else if (a == ACT_HELP) {
		u->help = !u->help;
		u->help_top = 0;
	} else if (a == ACT_LANGUAGE && !u->help) {
		if (u->lang_open)
			u->lang_open = 0;
		else
			language_open(u);
	} else if (u->lang_open) {
		language_action(u, a);
	} else if (u->help) {
		help_action(u, a);
	} else if (a == ACT_SEARCH_ALL) {
		searchview_open(u);
	} else if (u->sv) {
		searchview_action(u, a);
	} else {
		pager_action(u, a);
	}
}

int ui_run(struct site **site, struct page *start, const struct ui_opts *o)
{
	struct ui *u = xcalloc(1, sizeof *u);
	u->site = *site;
	u->flags = o->flags | LAYOUT_LANG_ENTRY;
	u->opts = o;
	if (o->cfg && o->cfg->accessible) {
		u->accessible = 1;
		u->flags |= LAYOUT_PLAIN;
	}
	if (o->cfg && o->cfg->theme >= 0 && (size_t)o->cfg->theme < sizeof themes / sizeof themes[0])
		theme = &themes[o->cfg->theme];
	snprintf(u->lang, sizeof u->lang, "%s",
		 o->cfg && o->cfg->lang ? o->cfg->lang : i18n_language());
	memcpy(u->start_lang, u->lang, sizeof u->lang);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	set_escdelay(50);
	if (!initscr())
		die(1, "cannot initialise the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	curs_set(1);

	pager_open(u, start, NULL);
	if (u->accessible) {
		struct state none = {0};
		announce(u, &none);
	}
	while (!u->quit && !got_signal) {
		draw(u);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR && u->upd) {
			/* wait on the network and the keyboard at once */
			if (update_poll(u->upd, 250, STDIN_FILENO) != UPDATE_RUNNING)
				update_finish(u);
			continue;
		}
		if (r == ERR && !u->help && !u->sv && pager_background(u))
			continue; /* the rest of a large page, a slice at a time */
		if (r == ERR) {
			struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				break;
			if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
				break;
			continue;
		}
		u->msg[0] = '\0';
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			if (u->help)
				u->help_top = 0;
			pager_relayout(u);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			handle_mouse(u);
			continue;
		}
		if (COLS < LAYOUT_MIN_WIDTH || LINES < 5) {
			if (r != KEY_CODE_YES && ch == 'q')
				u->quit = 1;
			continue;
		}
		enum action a = lookup((int)ch, r == KEY_CODE_YES);
		if (a == ACT_NONE) {
			char keys[64];
			ui_message(u, "Unknown key. Press %s for help.", ui_keys(ACT_HELP, keys, sizeof keys));
			continue;
		}
		struct state was = state_of(u);
		dispatch(u, a);
		if (u->accessible)
			announce(u, &was);
	}
	/* Terminals without an alternate screen (vt100, linux) keep what was
	 * drawn: clear the status line, where the shell's next output and
	 * prompt go, so they do not mix with "page 1/2  ?:help q:quit". */
	move(LINES - 1, 0);
	clrtoeol();
	refresh();
	endwin();
	if (u->upd)
		update_free(u->upd); /* cancels: the store stays as it was */
	searchview_close(u);
	pager_close(u);
	*site = u->site;
	free(u);
	return 0;
}
