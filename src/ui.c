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
	{KEY_F(1), 1, "F1", ACT_HELP},
	{'?', 0, "?", ACT_HELP},
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
		a |= A_BOLD;
	if (la & LA_UNDERLINE)
		a |= A_UNDERLINE;
	if (la & LA_EM)
		a |= A_ITALIC;
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
				a |= A_REVERSE;
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
			a |= A_STANDOUT | A_BOLD;
		size_t j = i;
		while (j < ln->vis_len) {
			int lj = ln->vis_log[j];
			int b = lj < 0 ? (int)A_NORMAL : attr_at(ln, (size_t)lj, sel_link);
			if (lj >= 0 && in_match(m, nm, lineno, (size_t)lj))
				b |= A_STANDOUT | A_BOLD;
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
			base |= A_REVERSE;
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
			attrset(base | (hl ? A_STANDOUT | A_BOLD : 0));
			mvaddnstr(y, x + utf8_strwidth(ln->text, i), ln->text + i, (int)(j - i));
			i = j;
		}
	}
	attrset(A_NORMAL);
}

/* Text for the chrome lines, made safe like content and cut to `cols`
 * columns; `from_left` keeps the end of the text when it is too long. */
static void put_clipped(int y, int x, const char *s, int cols, int flags, int from_left)
{
	struct buf b = {0};
	int space = 0;
	layout_sanitize(s, strlen(s), flags, &space, &b);
	const char *t = b.s ? b.s : "";
	size_t n = b.len;
	while (utf8_strwidth(t, n) > cols && n) {
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
	mvaddnstr(y, x, t, (int)n);
	buf_free(&b);
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

static void draw_chrome(struct ui *u)
{
	const struct page *p = u->view.page;
	int ascii = u->flags & LAYOUT_ASCII;

	attrset(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	put_clipped(0, 1, u->help ? "Help: keys" : u->site->title, COLS - 2, u->flags, 0);
	attrset(A_NORMAL);

	int y = LINES - 1;
	attrset(A_REVERSE);
	mvhline(y, 0, ' ', COLS);
	if (u->msg[0]) {
		put_clipped(y, 0, u->msg, COLS, u->flags, 0);
	} else if (u->upd) {
		char line[256];
		update_status(u, line, sizeof line);
		put_clipped(y, 0, line, COLS, u->flags, 0);
	} else {
		char right[64];
		int rows = ui_rows();
		size_t n = u->view.lay ? u->view.lay->nlines : 0;
		size_t pages = rows > 0 ? (n + (size_t)rows - 1) / (size_t)rows : 1;
		size_t top = u->help ? u->help_top : u->view.top;
		size_t page = rows > 0 ? top / (size_t)rows + 1 : 1;
		if (pages < 1)
			pages = 1;
		if (top + (size_t)rows >= n && n)
			page = pages;
		if (COLS >= 60)
			snprintf(right, sizeof right, " page %zu/%zu  ?:help q:quit ", page, pages);
		else
			snprintf(right, sizeof right, " %zu/%zu ?:help ", page, pages);
		int rw = (int)strlen(right);
		if (rw > COLS)
			rw = 0;
		else
			mvaddstr(y, COLS - rw, right);
		char *crumb = page_breadcrumb(p, ascii ? " > " : " \xe2\x80\xba ");
		put_clipped(y, 0, crumb, COLS - rw, u->flags, 1);
		free(crumb);
	}
	attrset(A_NORMAL);
}

static void draw(struct ui *u)
{
	erase();
	if (COLS < LAYOUT_MIN_WIDTH || LINES < 5) {
		mvaddnstr(0, 0, "Terminal too small:", COLS);
		mvaddnstr(1, 0, "need 20x5.", COLS);
		move(0, 0);
		refresh();
		return;
	}
	if (u->help)
		help_draw(u);
	else
		pager_draw(u);
	int cy, cx;
	getyx(stdscr, cy, cx);
	draw_chrome(u);
	move(cy, cx); /* the cursor rests on the selection, for screen readers */
	refresh();
}

int ui_prompt(struct ui *u, const char *label, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	(void)u;
	for (;;) {
		int y = LINES - 1;
		attrset(A_NORMAL);
		move(y, 0);
		clrtoeol();
		addstr(label);
		int room = COLS - (int)strlen(label) - 1;
		const char *shown = buf;
		while (utf8_strwidth(shown, strlen(shown)) > room && *shown)
			shown++;
		addstr(shown);
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
		else
			pager_scroll(u, -3);
	}
#ifdef BUTTON5_PRESSED
	else if (me.bstate & BUTTON5_PRESSED) {
		if (u->help)
			help_action(u, ACT_DOWN);
		else
			pager_scroll(u, 3);
	}
#endif
	else if (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		if (u->help)
			u->help = 0;
		else if (!(me.bstate & BUTTON1_RELEASED))
			pager_click(u, me.y, me.x);
	}
}

static void dispatch(struct ui *u, enum action a)
{
	if (a == ACT_QUIT && u->help) {
		u->help = 0;
	} else if (a == ACT_QUIT) {
		u->quit = 1;
	} else if (a == ACT_UPDATE) {
		update_toggle(u);
	} else if (a == ACT_REDRAW) {
		clearok(curscr, TRUE);
	} else if (a == ACT_HELP) {
		u->help = !u->help;
		u->help_top = 0;
	} else if (u->help) {
		help_action(u, a);
	} else {
		pager_action(u, a);
	}
}

int ui_run(struct site **site, struct page *start, const struct ui_opts *o)
{
	struct ui *u = xcalloc(1, sizeof *u);
	u->site = *site;
	u->flags = o->flags;
	u->opts = o;

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
		dispatch(u, a);
	}
	endwin();
	if (u->upd)
		update_free(u->upd); /* cancels: the store stays as it was */
	pager_close(u);
	*site = u->site;
	free(u);
	return 0;
}
