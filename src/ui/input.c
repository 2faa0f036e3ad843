/* input.c - waiting for keys: signals, the sleep in poll() that an idle
 * browser costs nothing in, and a guard against input that never ends. */
#include "config.h"

#include "input.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "screen.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "upclient.h"
#include "updating.h"

static volatile sig_atomic_t got_signal;

/* Consecutive times stdin was readable yet gave no key. */
static int idle_reads;

static void on_signal(int sig)
{
	got_signal = sig;
}

void input_catch_signals(int kiosk)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
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
