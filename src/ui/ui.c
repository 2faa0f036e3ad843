/* ui.c - the browser's main loop: terminal set-up and restoring, the
 * stack's first screen, and reading keys until the reader quits or a
 * signal ends it. */
#include "config.h"

#include "ui.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "chrome.h"
#include "confine.h"
#include "dispatch.h"
#include "i18n.h"
#include "input.h"
#include "keys.h"
#include "kiosk.h"
#include "mouse.h"
#include "pager.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "upclient.h"

/* Starts curses on the terminal, or exits with a message that says what
 * to do about it. */
static void terminal_start(int kiosk)
{
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
	/* for the watchdog, should a signal not be noticed in time */
	static const char *const caps[] = {"sgr0", "cnorm", "rmkx", "rmcup"};
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		const char *c = tigetstr(caps[i]);
		if (c && c != (const char *)-1)
			input_set_reset(c);
	}
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		/* TRANSLATORS: %s is the value of TERM ("dumb"). */
		die(EXIT_USAGE, _("cannot use the terminal: TERM=%s cannot move the cursor; "
			 "use --dump to print a page"), term);
	}
	if (kiosk)
		raw(); /* Ctrl-C, Ctrl-Z, Ctrl-\\ are plain keys; Ctrl-S cannot freeze the screen */
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	mouse_setup();
	curs_set(1);
}

static struct ui *ui_new(struct site *site, const struct ui_opts *o)
{
	struct ui *u = xcalloc(1, sizeof *u);
	u->site = site;
	u->flags = o->flags | LAYOUT_LANG_ENTRY;
	u->opts = o;
	if (o->cfg && o->cfg->accessible) {
		u->accessible = 1;
		u->flags |= LAYOUT_PLAIN;
	}
	if (o->cfg)
		draw_set_theme(o->cfg->theme);
	snprintf(u->lang, sizeof u->lang, "%s", o->lang);
	memcpy(u->start_lang, u->lang, sizeof u->lang);
	u->kiosk = o->cfg && o->cfg->kiosk;
	keys_setup(u->kiosk, o->cfg && o->cfg->print_command);
	u->last_input = util_now_ms();
	/* the first check soon after start: a kiosk often boots after days off */
	long first = o->cfg && o->cfg->update_interval < 5 ? o->cfg->update_interval : 5;
	u->next_check = u->last_input + first * 1000;
	u->stack[u->depth++] = pager_screen();
	return u;
}

/* A key or another event got from curses (get_wch's r and ch). */
static void handle_key(struct ui *u, int r, wint_t ch)
{
	u->idle = 0;
	if (r == KEY_CODE_YES && ch == KEY_RESIZE)
		return; /* input_key has laid the screens out anew */
	if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
		mouse_event(u);
		return;
	}
	u->msg[0] = '\0';
	u->mouse_down = 0; /* a key between press and release: no pair */
	if (COLS < LAYOUT_MIN_WIDTH || LINES < 5) {
		if (r != KEY_CODE_YES && ch == 'q' && !u->kiosk)
			u->quit = 1;
		return;
	}
	enum action a = keys_lookup_for((int)ch, r == KEY_CODE_YES, screen_top(u)->ops->own_keys);
	if (a == ACT_NONE) {
		char keys[64];
		ui_message(u, _("Unknown key. Press %s for help."), ui_keys(ACT_HELP, keys, sizeof keys));
		return;
	}
	struct chrome_state was = chrome_state(u);
	dispatch_action(u, a);
	if (u->accessible)
		chrome_announce(u, &was);
}

static void loop(struct ui *u)
{
	while (!u->quit && !input_signal()) {
		kiosk_tick(u);
		chrome_draw_screen(u);
		wint_t ch;
		int r = input_key(u, &ch);
		struct screen *top = screen_top(u);
		if (r == ERR && top->ops->background && top->ops->background(u, top)) {
			/* the rest of a large page, a slice at a time; a running
			 * update still moves on between slices */
			if (u->upd)
				input_wait(u, 0);
			continue;
		}
		if (r == ERR) {
			if (input_wait(u, kiosk_wait_ms(u)) < 0) {
				input_hangup(); /* the terminal is gone */
				return;
			}
			continue;
		}
		if (kiosk_admin_key(u, r, ch)) {
			u->quit = 1;
			return;
		}
		handle_key(u, r, ch);
	}
}

int ui_run(struct site **site, struct page *start, const struct ui_opts *o)
{
	struct ui *u = ui_new(*site, o);
	input_catch_signals(u->kiosk);
	if (u->kiosk) {
		openlog("idmview", LOG_PID, LOG_USER);
		/* before curses: Landlock's word on an old kernel goes to
		 * stderr, which the screen then covers; terminfo is granted */
		confine_kiosk(o);
	}
	terminal_start(u->kiosk);

	view_open(u, start, NULL);
	if (u->accessible) {
		struct chrome_state none = {0};
		chrome_announce(u, &none);
	}
	loop(u);
	input_signal_noticed();
	if (input_signal() == SIGHUP) {
		/* The terminal is gone: nothing to restore or draw on. Stop a
		 * running update (the store stays as it was) and end at once,
		 * without exit()'s handlers: LeakSanitizer's exit-time scan
		 * stops the process with ptrace, and the SIGCONT a hangup sends
		 * the orphaned process group can cancel that stop and leave the
		 * process spinning. */
		if (u->upd)
			upclient_free(u->upd);
		if (u->kiosk)
			closelog();
		_exit(0); /* the launcher sees its socket close, and ends */
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
		upclient_free(u->upd); /* cancels: the store stays as it was */
	confine_end();
	screen_pop_to_base(u);
	view_close(u);
	*site = u->site;
	free(u);
	return 0;
}
