/* ui.c - the browser: terminal set-up, the key table, the input loop, and
 * the title and status lines. */
#include "config.h"

#include "ui.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "bidi.h"
#include "i18n.h"
#include "content.h"
#include "loader.h"
#include "print.h"
#include "store_read.h"
#include "ui_curses.h"
#include "ui_screen.h"
#include "update.h"
#include "utf8.h"

#define CTRL(c) ((c) & 0x1f)

/* Every key binding. Help lists actions with these keys; dispatch reads
 * the same rows. `name` is how help shows the key. An action in
 * `absent` (below) has no key at all for this run. */
static const struct binding {
	int key;
	int is_fn; /* a KEY_* code rather than a character */
	const char *name;
	enum action act;
} bindings[] = {
	{KEY_DOWN, 1, N_("Down"), ACT_DOWN},
	{'j', 0, "j", ACT_DOWN},
	{KEY_UP, 1, N_("Up"), ACT_UP},
	{'k', 0, "k", ACT_UP},
	{' ', 0, N_("Space"), ACT_PAGE_DOWN},
	{KEY_NPAGE, 1, N_("PgDn"), ACT_PAGE_DOWN},
	{'f', 0, "f", ACT_PAGE_DOWN},
	{KEY_PPAGE, 1, N_("PgUp"), ACT_PAGE_UP},
	{'b', 0, "b", ACT_PAGE_UP},
	{KEY_HOME, 1, N_("Home"), ACT_TOP},
	{'g', 0, "g", ACT_TOP},
	{KEY_END, 1, N_("End"), ACT_BOTTOM},
	{'G', 0, "G", ACT_BOTTOM},
	{'\t', 0, N_("Tab"), ACT_NEXT_LINK},
	{KEY_BTAB, 1, N_("Shift-Tab"), ACT_PREV_LINK},
	{'\n', 0, N_("Enter"), ACT_FOLLOW},
	{'\r', 0, NULL, ACT_FOLLOW},
	{KEY_ENTER, 1, NULL, ACT_FOLLOW},
	{KEY_RIGHT, 1, N_("Right"), ACT_FOLLOW},
	{'l', 0, "l", ACT_FOLLOW},
	{KEY_LEFT, 1, N_("Left"), ACT_BACK},
	{KEY_BACKSPACE, 1, N_("Backspace"), ACT_BACK},
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
	{'p', 0, "p", ACT_PRINT},
	{CTRL('l'), 0, N_("Ctrl-L"), ACT_REDRAW},
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
/* Actions this run does not offer: a kiosk has no quit and no visitor
 * updates; without print_command there is no printing. Absent means no
 * key, no help line, nothing to deny. Set once by ui_run. */
static unsigned char absent[ACT_COUNT];

/* How long a print command may take before it is killed. */
#define PRINT_TIMEOUT_MS 10000

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
		if (bindings[i].act != a || !bindings[i].name || absent[a])
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", _(bindings[i].name));
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
	return _(action_desc[a]);
}

static enum action lookup(int key, int is_fn)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key && bindings[i].is_fn == is_fn && !absent[bindings[i].act])
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

/* Consecutive times stdin was readable yet gave no key. */
static int idle_reads;

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
/* How put_clipped places a text: */
enum {
	CLIP_START = 1, /* too long: drop its start, not its end (breadcrumbs) */
	ALIGN_RIGHT = 2, /* at the right end of its columns, not the left */
	BASE_RTL = 4, /* a right-to-left paragraph whatever its first letter
			* (interface text in a right-to-left language) */
};

static void put_clipped(int y, int x, const char *s, int cols, int flags, int how)
{
	int from_left = how & CLIP_START;
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
	int ell_left = from_left; /* the cut side, as seen */
	if ((flags & LAYOUT_BIDI) && (bidi_has_rtl(t, n) || (how & BASE_RTL))) {
		int rtl = (how & BASE_RTL) || bidi_paragraph_rtl(t, n);
		bidi_reorder(t, n, rtl, 0, &v);
		t = v.text;
		n = v.len;
		if (rtl) /* a right-to-left line ends on the left */
			ell_left = !from_left;
	}
	if (how & ALIGN_RIGHT) {
		int w = utf8_strwidth(t, n) + utf8_strwidth(ell, strlen(ell));
		if (w < cols)
			x += cols - w;
	}
	if (ell_left) {
		mvaddstr(y, x, ell);
		addnstr(t, (int)n);
	} else {
		mvaddnstr(y, x, t, (int)n);
		addstr(ell);
	}
	bidi_line_free(&v);
	buf_free(&b);
}

/* Our own text, spaces kept as they are (no folding), in visual order
 * when it holds right-to-left words. */
static void put_raw(int y, int x, const char *s, int flags)
{
	if ((flags & LAYOUT_BIDI) && bidi_has_rtl(s, strlen(s))) {
		struct bidi_line v;
		bidi_reorder(s, strlen(s), bidi_paragraph_rtl(s, strlen(s)), 0, &v);
		mvaddnstr(y, x, v.text, (int)v.len);
		bidi_line_free(&v);
	} else {
		mvaddstr(y, x, s);
	}
}

int ui_chrome_rtl(const struct ui *u)
{
	const struct i18n_lang *l = i18n_lang_find(i18n_language());
	return (u->flags & LAYOUT_BIDI) && l && l->rtl;
}

/* put_clipped's placement for interface text: mirrored in a right-to-left
 * interface language (right-aligned, a right-to-left paragraph). */
static int chrome_how(const struct ui *u)
{
	return ui_chrome_rtl(u) ? ALIGN_RIGHT | BASE_RTL : 0;
}

void ui_put_text(const struct ui *u, int y, int x, const char *s, int cols)
{
	if (cols > 0)
		put_clipped(y, x, s, cols, u->flags, chrome_how(u));
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

/* A kiosk's background check ended. New content waits in u->pending for
 * the home screen or an idle screen; a visitor never sees a failure, the
 * staff find it in syslog, and the status line says "offline since". */
/* A kiosk's messages for the administrator (syslog: why a background
 * update failed, why a version was passed over) are made in the language
 * the kiosk started in, not in the one a visitor chose: around the calls
 * that make them, admin_lang_begin switches to it and admin_lang_end
 * switches back. Outside a kiosk nothing changes. */
static void admin_lang_begin(const struct ui *u, char saved[16])
{
	snprintf(saved, 16, "%s", i18n_language());
	if (u->kiosk)
		i18n_reset_language();
}

static void admin_lang_end(const struct ui *u, const char saved[16])
{
	if (u->kiosk)
		i18n_set_language(saved);
}

/* update_poll, a kiosk's in the administrator's language. */
static enum update_state poll_update(struct ui *u, int timeout, int fd)
{
	char saved[16];
	admin_lang_begin(u, saved);
	enum update_state st = update_poll(u->upd, timeout, fd);
	admin_lang_end(u, saved);
	return st;
}

static void update_finish_background(struct ui *u, enum update_state st)
{
	if (st == UPDATE_OK) {
		u->offline_since = 0;
		if (update_switched(u->upd))
			u->pending = 1;
	} else {
		if (!u->offline_since)
			u->offline_since = (long)time(NULL);
		syslog(LOG_NOTICE, "background update failed: %s", update_message(u->upd));
	}
	update_free(u->upd);
	u->upd = NULL;
	u->next_check = util_now_ms() + u->opts->cfg->update_interval * 1000L;
}

/* Shows the installed update that was waiting (kiosk). */
static void switch_pending(struct ui *u)
{
	u->pending = 0;
	if (u->opts->fixed_dir)
		return;
	struct err e = {0};
	struct buf notes = {0};
	char saved[16];
	admin_lang_begin(u, saved);
	struct site *s = content_open(u->opts->cfg->store, u->opts->bundled_dir, 1, 1, &notes, &e);
	admin_lang_end(u, saved);
	for (char *l = notes.s ? strtok(notes.s, "\n") : NULL; l; l = strtok(NULL, "\n"))
		syslog(LOG_WARNING, "content not usable, falling back: %s", l);
	buf_free(&notes);
	if (s)
		pager_switch_site(u, s);
	else
		syslog(LOG_ERR, "no usable content after an update, keeping the old: %s", e.msg);
	u->msg[0] = '\0'; /* nothing about it for the visitor */
}

/* The end of an update: switch to the new content when there is some. */
static void update_finish(struct ui *u)
{
	enum update_state st = poll_update(u, 0, -1);
	if (u->kiosk) {
		update_finish_background(u, st);
		return;
	}
	if (st == UPDATE_OK && update_switched(u->upd) && !u->opts->fixed_dir) {
		struct err e = {0};
		char *dir = store_content_dir(u->opts->cfg->store, u->opts->bundled_dir);
		struct site *s = loader_load_site(dir, &e);
		free(dir);
		if (!s) {
			ui_message(u, _("The update is installed but cannot be read: %s"), e.msg);
		} else {
			ui_message(u, _("Updated: %s"), update_message(u->upd));
			select_language(u, s);
			searchview_close(u); /* its results point into the old site */
			pager_switch_site(u, s);
		}
	} else if (st == UPDATE_OK) {
		ui_message(u, _("Update: %s"), update_message(u->upd));
	} else {
		ui_message(u, _("Update failed, the content is unchanged: %s"), update_message(u->upd));
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
		ui_message(u, _("Update cancelled; the content is unchanged."));
		return;
	}
	struct err e = {0};
	u->upd = u->opts->cfg ? update_begin(u->opts->cfg, &e) : NULL;
	if (!u->upd)
		ui_message(u, _("Cannot update: %s"), u->opts->cfg ? e.msg : _("no settings"));
}

static void human(char *buf, size_t n, double bytes)
{
	if (bytes < 1024)
		snprintf(buf, n, _("%.0f B"), bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, _("%.1f KiB"), bytes / 1024);
	else
		snprintf(buf, n, _("%.1f MiB"), bytes / (1024 * 1024));
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
		snprintf(buf, n, _("Updating: %u/%u files, %s of %s, %s/s, %ld s left (U cancels)"),
			 p.files_done, p.files_total, done, total, rate, p.eta);
	else if (p.phase == UPDATE_PHASE_FILES)
		snprintf(buf, n, _("Updating: %u/%u files, %s of %s, %s/s (U cancels)"),
			 p.files_done, p.files_total, done, total, rate);
	else
		snprintf(buf, n, _("Updating: %s... (U cancels)"), _(update_phase_name(p.phase)));
}

static void page_numbers(struct ui *u, size_t *page, size_t *pages)
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
	page_numbers(u, &page, &pages);
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

/* The bottom line of a kiosk: targets big enough to tap, remembered for
 * handle_mouse, after the message or else the breadcrumb. The targets
 * stay while a message shows (narrower), so a tap always lands. */
static void draw_targets(struct ui *u, int y)
{
	static const struct {
		const char *wide, *narrow;
		enum action act;
	} t[] = {
		{N_("[ < Back ]"), "[<]", ACT_BACK},
		{N_("[ Home ]"), "[Home]", ACT_HOME},
		{N_("[ PgUp ]"), "[Up]", ACT_PAGE_UP},
		{N_("[ PgDn ]"), "[Dn]", ACT_PAGE_DOWN},
	};
	int wide = COLS >= 60 && !u->msg[0], w = 0;
	for (size_t i = 0; i < 4; i++) {
		const char *lb = wide ? _(t[i].wide) : t[i].narrow;
		w += utf8_strwidth(lb, strlen(lb)) + 1;
	}
	if (COLS - w < 0)
		return;
	/* mirrored in a right-to-left interface: the targets on the left,
	 * the first (Back) rightmost, the words on the right */
	int rtl = ui_chrome_rtl(u);
	int x = rtl ? 0 : COLS - w;
	for (size_t k = 0; k < 4; k++) {
		size_t i = rtl ? 3 - k : k;
		const char *label = wide ? _(t[i].wide) : t[i].narrow;
		int lw = utf8_strwidth(label, strlen(label));
		attrset(A_BOLD);
		put_raw(y, x, label, u->flags);
		u->targets[u->ntargets++] = (struct target){x, x + lw, t[i].act};
		x += lw + 1;
	}
	attrset(A_REVERSE);
	int tx = rtl ? w : 0;
	if (u->msg[0]) {
		put_clipped(y, tx, u->msg, COLS - w - 1, u->flags, chrome_how(u));
	} else {
		char *crumb = page_breadcrumb(u->view.page,
					      (u->flags & LAYOUT_ASCII) ? " > " : " \xe2\x80\xba ");
		put_clipped(y, tx, crumb, COLS - w - 1, u->flags, CLIP_START | (rtl ? ALIGN_RIGHT : 0));
		free(crumb);
	}
}

/* The status-line message on as many bottom lines as it needs, at most
 * four (over the page's last lines, until the next key): a long message,
 * such as why an update failed or a sentence longer in translation, is
 * read whole rather than cut at the edge. */
static void draw_message(struct ui *u, int bar)
{
	int max = LINES - 2 < 4 ? LINES - 2 : 4; /* the title line stays */
	struct layout *l = layout_para(u->msg, COLS, u->flags & (LAYOUT_ASCII | LAYOUT_PLAIN));
	size_t n = l->nlines < (size_t)max ? l->nlines : (size_t)max;
	if (n <= 1) {
		put_clipped(LINES - 1, 0, u->msg, COLS, u->flags, chrome_how(u));
		layout_free(l);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int y = LINES - (int)n + (int)i;
		attrset(bar);
		mvhline(y, 0, ' ', COLS);
		if (i + 1 < n || i + 1 == l->nlines) {
			put_clipped(y, 0, l->lines[i].text, COLS, u->flags, chrome_how(u));
			continue;
		}
		/* more than fits: the rest on the last line, cut with an ellipsis */
		struct buf rest = {0};
		for (size_t j = i; j < l->nlines; j++) {
			if (j > i)
				buf_addc(&rest, ' ');
			buf_adds(&rest, l->lines[j].text);
		}
		put_clipped(y, 0, rest.s, COLS, u->flags, chrome_how(u));
		buf_free(&rest);
	}
	layout_free(l);
}

static void draw_chrome(struct ui *u)
{
	const struct page *p = u->view.page;
	int ascii = u->flags & LAYOUT_ASCII;
	int rtl = ui_chrome_rtl(u);

	/* accessible: no bars, the words alone */
	int bar = u->accessible ? (int)A_NORMAL : theme->bar;
	attrset(bar);
	mvhline(0, 0, ' ', COLS);
	int avail = COLS; /* columns for the title */
	if (u->kiosk) {
		/* the kiosk's bottom line holds touch targets: where we are and
		 * how current the content is go on the top line */
		char right[96], when[32] = "";
		const char *sep = ascii ? "-" : "\xc2\xb7";
		size_t page, pages;
		page_numbers(u, &page, &pages);
		if (u->offline_since) {
			time_t t = (time_t)u->offline_since;
			struct tm tm;
			localtime_r(&t, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm); /* digits: no locale bytes */
			snprintf(right, sizeof right, _(" %zu/%zu %s offline since %s "), page, pages, sep, when);
		} else if (u->site->updated) {
			snprintf(right, sizeof right, _(" %zu/%zu %s content of %.10s "), page, pages, sep,
				 u->site->updated);
		} else {
			snprintf(right, sizeof right, " %zu/%zu ", page, pages);
		}
		int rw = utf8_strwidth(right, strlen(right));
		if (rw <= COLS - 12) {
			put_raw(0, rtl ? 0 : COLS - rw, right, u->flags);
			avail = COLS - rw - 1;
		}
	}
	const char *title = u->help ? _("Help: keys") : u->lang_open ? _("Language") : u->site->title;
	/* a margin when there is room for it (and not accessible: the words
	 * alone); a whole title before that. Mirrored, the title ends at
	 * the right edge and the kiosk's words are on the left. */
	int tx = !u->accessible && utf8_strwidth(title, strlen(title)) + 1 < avail ? 1 : 0;
	if (rtl)
		put_clipped(0, COLS - avail, title, avail - tx, u->flags,
			    ALIGN_RIGHT | (title == u->site->title ? 0 : BASE_RTL));
	else
		put_clipped(0, tx, title, avail - tx, u->flags, 0);
	attrset(A_NORMAL);

	int y = LINES - 1;
	attrset(bar);
	mvhline(y, 0, ' ', COLS);
	u->ntargets = 0;
	if (u->kiosk) {
		draw_targets(u, y);
	} else if (u->msg[0]) {
		draw_message(u, bar);
	} else if (u->upd) {
		char line[256];
		update_status(u, line, sizeof line);
		put_clipped(y, 0, line, COLS, u->flags, chrome_how(u));
	} else if (u->sv) {
		put_clipped(y, 0, _("Search results: Enter opens, q goes back, s searches again"), COLS,
			    u->flags, chrome_how(u));
	} else {
		char right[64];
		size_t page, pages;
		page_numbers(u, &page, &pages);
		if (COLS >= 60)
			snprintf(right, sizeof right, _(" page %zu/%zu  ?:help q:quit "), page, pages);
		else
			snprintf(right, sizeof right, _(" %zu/%zu ?:help "), page, pages);
		int rw = utf8_strwidth(right, strlen(right));
		if (rw > COLS)
			rw = 0;
		else
			put_raw(y, rtl ? 0 : COLS - rw, right, u->flags);
		/* where we are: on the left, or mirrored on the right */
		int cx = rtl ? rw : 0, how = CLIP_START | (rtl ? ALIGN_RIGHT : 0);
		if (u->help) {
			put_clipped(y, cx, _("Help"), COLS - rw, u->flags, how | (rtl ? BASE_RTL : 0));
		} else {
			char *crumb = page_breadcrumb(p, ascii ? " > " : " \xe2\x80\xba ");
			put_clipped(y, cx, crumb, COLS - rw, u->flags, how);
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
	snprintf(text, sizeof text,
		 _("Terminal too small (%dx%d): need at least %dx5. Make it bigger, or press q to quit."),
		 COLS, LINES, LAYOUT_MIN_WIDTH);
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
	/* a right-to-left prompt in a mirrored interface starts at the right,
	 * with a column to its left for the cursor */
	int x0 = rtl && ui_chrome_rtl(u) && v.width < COLS ? COLS - 1 - v.width : 0;
	mvaddnstr(y, x0, v.text, (int)v.len);
	/* the last character typed (or the label's, when nothing is) */
	size_t last = line.len;
	do
		last--;
	while (last > 0 && ((unsigned char)line.s[last] & 0xC0) == 0x80);
	int x = x0 + v.width;
	for (size_t j = 0; j < v.len; j++) {
		if (v.log[j] != (int)last)
			continue;
		int col = x0 + utf8_strwidth(v.text, j);
		x = bidi_has_rtl(line.s + last, line.len - last) ? col - 1 : col + 1;
		break;
	}
	if (x < 0)
		x = 0;
	move(y, x < COLS ? x : COLS - 1);
	bidi_line_free(&v);
	buf_free(&line);
}

/* How long the loop may sleep before a kiosk has something to do (forget
 * the visit, start a check), in ms; -1 for as long as it likes. The
 * loop sleeps in poll(): an idle kiosk costs nothing. */
static int wait_ms(const struct ui *u)
{
	const struct config *c = u->opts->cfg;
	long now = util_now_ms(), t = LONG_MAX;
	if (!u->kiosk)
		return -1;
	if (c->idle_timeout && !u->idle)
		t = u->last_input + c->idle_timeout * 1000L - now;
	if (c->update_interval && !u->upd && !u->pending && u->next_check - now < t)
		t = u->next_check - now;
	if (t == LONG_MAX)
		return -1;
	if (t < 0)
		return 0;
	return t > 60 * 60 * 1000 ? 60 * 60 * 1000 : (int)t;
}

/* Consecutive times stdin was readable yet gave no key. */
static int idle_reads;

/* Sleeps until a key may be there, a running update moved on, or
 * `timeout` ms passed. Returns -1 when the terminal is gone. */
static int wait_input(struct ui *u, int timeout)
{
	if (u->upd) {
		/* wait on the network and the keyboard at once */
		int t = timeout < 0 || timeout > 250 ? 250 : timeout;
		if (poll_update(u, t, STDIN_FILENO) != UPDATE_RUNNING)
			update_finish(u);
		return 0;
	}
	struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&pfd, 1, timeout) < 0)
		return errno == EINTR ? 0 : -1;
	if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
		return -1;
	/* input at end of file: poll calls it readable for ever while
	 * ncurses finds no key in it; without this the loop would spin */
	if ((pfd.revents & POLLIN) && ++idle_reads > 1000)
		return -1;
	return 0;
}

/* The visit is over: no input for idle_timeout seconds. */
static int idle_due(const struct ui *u)
{
	const struct config *c = u->opts->cfg;
	return u->kiosk && c->idle_timeout && !u->idle &&
	       util_now_ms() - u->last_input >= c->idle_timeout * 1000L;
}

/* Starts a background check when one is due. */
static void check_due(struct ui *u)
{
	const struct config *c = u->opts->cfg;
	long now = util_now_ms();
	if (!u->kiosk || !c->update_interval || u->upd || u->pending || now < u->next_check)
		return;
	struct err e = {0};
	char saved[16];
	admin_lang_begin(u, saved);
	u->upd = update_begin(c, &e);
	admin_lang_end(u, saved);
	if (!u->upd) {
		syslog(LOG_NOTICE, "background update cannot start: %s", e.msg);
		u->next_check = now + c->update_interval * 1000L;
	}
}

/* A kiosk's timers: the visit ends after idle_timeout, a check starts
 * every update_interval, and an installed update is shown at home or
 * when idle (never under a reader). */
static void kiosk_tick(struct ui *u)
{
	const struct config *c = u->opts->cfg;
	if (!u->kiosk)
		return;
	if (idle_due(u)) {
		ui_forget_visit(u);
		u->idle = 1;
		/* Another process (a systemd timer running --update) may have
		 * installed a version: a visit's end is the time to show it. */
		if (!u->opts->fixed_dir) {
			char *dir = store_content_dir(c->store, u->opts->bundled_dir);
			if (strcmp(dir, u->site->dir) != 0)
				u->pending = 1;
			free(dir);
		}
	}
	if (u->pending && (u->idle || (!u->help && u->view.page == u->site->home)))
		switch_pending(u);
	check_due(u);
}

void ui_forget_visit(struct ui *u)
{
	ui_reset_language(u); /* the language was part of the visit */
	searchview_close(u);
	history_clear(&u->hist);
	u->query[0] = '\0';
	u->msg[0] = '\0';
	u->help = 0;
	u->help_top = 0;
	u->admin_pos = 0;
	pager_close(u);
	u->view.page = NULL;
	pager_open(u, u->site->home, NULL);
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
			/* a kiosk's visitor who walked away leaves the prompt too */
			if (idle_due(u))
				return -1;
			check_due(u);
			if (wait_input(u, wait_ms(u)) < 0)
				return -1;
			continue;
		}
		idle_reads = 0;
		u->last_input = util_now_ms();
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
	/* A tap is a press; a release counts when its press was lost (ncurses
	 * drops a press that follows an unpaired one, as a storm of input or
	 * a flaky touch screen leaves). */
	int tap = (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) ||
		  ((me.bstate & BUTTON1_RELEASED) && !u->mouse_down);
	u->mouse_down = (me.bstate & BUTTON1_PRESSED) != 0;
	/* Only an event that does something clears the message: the targets
	 * must stay where the visitor saw them until the tap lands. */
	if (tap || (me.bstate & BUTTON4_PRESSED)
#ifdef BUTTON5_PRESSED
	    || (me.bstate & BUTTON5_PRESSED)
#endif
	)
		u->msg[0] = '\0';
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
	else if (tap && me.y == LINES - 1) {
		for (int i = 0; i < u->ntargets; i++) {
			if (me.x >= u->targets[i].x0 && me.x < u->targets[i].x1) {
				u->help = 0;
				pager_action(u, u->targets[i].act);
				return;
			}
		}
	} else if (tap) {
		if (u->help)
			u->help = 0;
		else if (u->lang_open)
			u->lang_open = 0;
		else if (u->sv)
			searchview_click(u, me.y);
		else
			pager_click(u, me.y, me.x);
	}
}

static void print_current(struct ui *u)
{
	struct err e = {0};
	const char *cmd = u->opts->cfg ? u->opts->cfg->print_command : NULL;
	if (!cmd)
		return;
	u->help = 0;
	ui_message(u, _("Printing..."));
	draw(u);
	if (print_page(cmd, u->view.page, 80, u->flags, PRINT_TIMEOUT_MS, &e) < 0)
		ui_message(u, _("Printing failed: %s"), e.msg);
	else
		ui_message(u, _("Sent to the printer."));
	flushinp(); /* keys pressed while waiting were not meant for what follows */
}

/* A kiosk's admin exit: the sequence from the configuration, typed
 * anywhere in the browser (not in a prompt); any other key restarts it. */
static int admin_key(struct ui *u, int r, wint_t ch)
{
	int seq[64];
	const char *v = u->opts->cfg ? u->opts->cfg->admin_exit : NULL;
	if (!u->kiosk || !v)
		return 0;
	int len = config_key_sequence(v, seq, sizeof seq / sizeof seq[0]);
	if (len <= 0)
		return 0;
	int key = r == KEY_CODE_YES ? -1 : (int)ch;
	if (key == seq[u->admin_pos])
		u->admin_pos++;
	else
		u->admin_pos = key == seq[0] ? 1 : 0;
	if (u->admin_pos == (size_t)len) {
		u->admin_pos = 0;
		return 1;
	}
	return 0;
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
		u->quit = !u->kiosk; /* absent in a kiosk anyway */
	} else if (a == ACT_PRINT) {
		print_current(u);
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
	u->kiosk = o->cfg && o->cfg->kiosk;
	memset(absent, 0, sizeof absent);
	if (u->kiosk) {
		absent[ACT_QUIT] = 1;
		absent[ACT_UPDATE] = 1; /* the kiosk updates itself */
	}
	if (!o->cfg || !o->cfg->print_command)
		absent[ACT_PRINT] = 1;
	u->last_input = util_now_ms();
	/* the first check soon after start: a kiosk often boots after days off */
	long first = o->cfg && o->cfg->update_interval < 5 ? o->cfg->update_interval : 5;
	u->next_check = u->last_input + first * 1000;

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (u->kiosk) {
		/* Ignored before initscr: ncurses installs its own SIGTSTP and
		 * SIGINT handlers only over the default disposition. raw() below
		 * stops the terminal from making these signals out of keys
		 * anyway; this covers kill(1) from another terminal. */
		sa.sa_handler = SIG_IGN;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
		openlog("idmview", LOG_PID, LOG_USER);
	} else {
		sigaction(SIGINT, &sa, NULL);
	}

	set_escdelay(50);
	/* newterm, not initscr: initscr exits by itself on an unknown TERM */
	const char *term = getenv("TERM");
	SCREEN *scr = term && term[0] ? newterm(NULL, stdout, stdin) : NULL;
	if (!scr && !(term && term[0]))
		/* TRANSLATORS: keep TERM, xterm-256color, linux and --dump
		 * as they are: the reader types them. */
		die(EXIT_USAGE, _("cannot use the terminal: TERM is not set; set TERM to your "
			 "terminal's type (e.g. xterm-256color, linux), or use --dump to "
			 "print a page"));
	if (!scr)
		/* TRANSLATORS: %s is the value of TERM ("vt999"); keep TERM,
		 * terminfo, xterm-256color, linux and --dump as they are. */
		die(EXIT_USAGE, _("cannot use the terminal: TERM=%s is not in the terminfo database; "
			 "set TERM to your terminal's type (e.g. xterm-256color, linux), or "
			 "use --dump to print a page"), term);
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		/* TRANSLATORS: %s is the value of TERM ("dumb"). */
		die(EXIT_USAGE, _("cannot use the terminal: TERM=%s cannot move the cursor; "
			 "use --dump to print a page"), term);
	}
	if (u->kiosk)
		raw(); /* Ctrl-C, Ctrl-Z, Ctrl-\\ are plain keys; Ctrl-S cannot freeze the screen */
	else
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
		kiosk_tick(u);
		draw(u);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR && !u->help && !u->sv && pager_background(u)) {
			/* the rest of a large page, a slice at a time; a running
			 * update still moves on between slices */
			if (u->upd)
				wait_input(u, 0);
			continue;
		}
		if (r == ERR) {
			if (wait_input(u, wait_ms(u)) < 0) {
				got_signal = SIGHUP; /* the terminal is gone: a hangup */
				break;
			}
			continue;
		}
		idle_reads = 0;
		u->last_input = util_now_ms();
		u->idle = 0;
		if (admin_key(u, r, ch)) {
			u->quit = 1;
			break;
		}
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
		u->msg[0] = '\0';
		u->mouse_down = 0; /* a key between press and release: no pair */
		if (COLS < LAYOUT_MIN_WIDTH || LINES < 5) {
			if (r != KEY_CODE_YES && ch == 'q' && !u->kiosk)
				u->quit = 1;
			continue;
		}
		enum action a = lookup((int)ch, r == KEY_CODE_YES);
		if (a == ACT_NONE) {
			char keys[64];
			ui_message(u, _("Unknown key. Press %s for help."), ui_keys(ACT_HELP, keys, sizeof keys));
			continue;
		}
		struct state was = state_of(u);
		dispatch(u, a);
		if (u->accessible)
			announce(u, &was);
	}
	if (got_signal == SIGHUP) {
		/* The terminal is gone: nothing to restore or draw on. Stop a
		 * running update (the store stays as it was) and end at once,
		 * without exit()'s handlers: under LeakSanitizer the exit-time
		 * scan stops the process with ptrace, and the SIGCONT the kernel
		 * sends an orphaned process group on hangup can cancel that stop,
		 * leaving the process spinning for ever (seen in the tests). */
		if (u->upd)
			update_free(u->upd);
		if (u->kiosk)
			closelog();
		_exit(0);
	}
	/* Terminals without an alternate screen (vt100, linux) keep what was
	 * drawn: clear the status line, where the shell's next output and
	 * prompt go, so they do not mix with "page 1/2  ?:help q:quit". */
	move(LINES - 1, 0);
	clrtoeol();
	refresh();
	endwin();
	if (u->kiosk)
		closelog();
	/* no delscreen: it loses a few bytes of ncurses's own (LeakSanitizer
	 * sees them with TERM=linux); what stays is reachable */
	if (u->upd)
		update_free(u->upd); /* cancels: the store stays as it was */
	searchview_close(u);
	pager_close(u);
	*site = u->site;
	free(u);
	return 0;
}
