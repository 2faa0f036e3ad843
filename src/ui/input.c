/* input.c - waiting for keys: signals, the sleep in poll() that an idle
 * browser costs nothing in, and a guard against input that never ends. */
#include "config.h"

#include "input.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

#include "screen.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "upclient.h"
#include "updating.h"

static volatile sig_atomic_t got_signal;

/* Consecutive times stdin was readable yet gave no key. */
static int idle_reads;

/* How long the loop has to notice a signal before the watchdog ends the
 * process: the loop looks at got_signal once per frame and per slice of
 * work, and a frame costs what the screen holds, so this fires only if
 * something unforeseen holds it (a bug, a huge synchronous job). */
#define WATCHDOG_MS 80

/* What the watchdog restores: the terminal modes from before curses, and
 * the sequence that leaves the alternate screen, shows the cursor and
 * resets the attributes (terminfo's, found while the terminal starts). */
static struct termios saved_modes;
static int have_modes;
static char reset_seq[128];
static size_t reset_len;

static void on_signal(int sig)
{
	got_signal = sig;
	struct itimerval it = {{0, 0}, {0, WATCHDOG_MS * 1000}};
	setitimer(ITIMER_REAL, &it, NULL);
}

/* The loop did not notice the signal in time: leave the terminal usable
 * and end now, with async-signal-safe calls only. */
static void on_watchdog(int sig)
{
	(void)sig;
	if (have_modes)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
	if (reset_len && write(STDOUT_FILENO, reset_seq, reset_len) < 0)
		(void)0; /* the terminal may be gone: nothing to do about it */
	_exit(got_signal == SIGHUP ? 0 : 128 + got_signal);
}

void input_set_reset(const char *seq)
{
	size_t n = strlen(seq);
	if (n < sizeof reset_seq - reset_len) {
		memcpy(reset_seq + reset_len, seq, n);
		reset_len += n;
	}
}

void input_signal_noticed(void)
{
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
}

void input_catch_signals(int kiosk)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	have_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
	sa.sa_handler = on_watchdog;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (!kiosk) {
		sigaction(SIGINT, &sa, NULL);
		return;
	}
	/* raw() stops the terminal from making these signals out of keys
	 * anyway; this covers kill(1) from another terminal. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
}

int input_signal(void)
{
	return got_signal;
}

void input_hangup(void)
{
	got_signal = SIGHUP;
}

int input_key(struct ui *u, wint_t *ch)
{
	int r = get_wch(ch);
	if (r != ERR) {
		idle_reads = 0;
		u->last_input = util_now_ms();
	}
	/* Every screen follows the new size here, whoever reads the key: a
	 * prompt that ends on a resize must not leave the screens under it
	 * laid out for the old size. */
	if (r == KEY_CODE_YES && *ch == KEY_RESIZE)
		screen_resize_all(u);
	return r;
}

int input_wait(struct ui *u, int timeout)
{
	if (u->upd) {
		/* wait on the network and the keyboard at once */
		int t = timeout < 0 || timeout > 250 ? 250 : timeout;
		if (updating_poll(u, t, STDIN_FILENO) != UPDATE_RUNNING)
			updating_finish(u);
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
