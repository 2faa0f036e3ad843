/* input.h - where keys come from: the signals that end the browser, a
 * key read that notes when the reader last did something, and the sleep
 * in poll() between keys. */
#ifndef IDM_INPUT_H
#define IDM_INPUT_H

#include <wchar.h>

struct ui;

/* Catches SIGTERM, SIGHUP and (outside a kiosk) SIGINT to end the loop;
 * a kiosk ignores SIGINT, SIGQUIT and SIGTSTP. Before the terminal is
 * set up: ncurses installs its own handlers only over the default. */
void input_catch_signals(int kiosk);
/* The loop must notice a signal within WATCHDOG_MS (input.c): else the
 * watchdog (SIGALRM) restores the terminal modes, writes the sequences
 * given here (terminfo's, appended in turn) and ends the process. */
void input_set_reset(const char *seq);
/* The loop has seen the signal and ends in order: stops the watchdog. */
void input_signal_noticed(void);
/* The signal that came, or 0. */
int input_signal(void);
/* The terminal is gone: ends the loop as a hangup would. */
void input_hangup(void);
/* get_wch without waiting; on a key, notes the time of the input. */
int input_key(struct ui *u, wint_t *ch);
/* Sleeps until a key may be there, a running update moved on (or ended:
 * it is then finished), or `timeout` ms passed (-1: no limit). Returns
 * -1 when the terminal is gone. */
int input_wait(struct ui *u, int timeout);

#endif
