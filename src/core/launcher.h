/* launcher.h - the small process that starts a confined kiosk's
 * children. A kiosk's reader, once confined (sandbox_reader), may run no
 * program, and what it starts would inherit its confinement: the updater
 * must write the store and open the network, the print command reach the
 * printer. So, before confining itself, the reader forks this launcher
 * (no curses, every other descriptor closed) and asks it over a socket
 * for one of two fixed jobs: the updater, with the argv fixed at start
 * and only the language of its messages chosen per run, or the print
 * command. The launcher runs the job and hands back, by SCM_RIGHTS, the
 * job's pipe: the updater's stdout, or the print command's stdin. It
 * reaps the job and reports its wait status; it stops it when asked; it
 * ends when the reader does (its socket closes; PR_SET_PDEATHSIG too).
 * One launcher per process: the state lives here. */
#ifndef IDM_LAUNCHER_H
#define IDM_LAUNCHER_H

#include "util.h"

enum launch_job { LAUNCH_UPDATE, LAUNCH_PRINT, LAUNCH_JOBS };

/* Forks the launcher. HELPER and ARGS (nargs of them) make the updater's
 * argv as upclient_begin makes it; PRINT_COMMAND (NULL: no printing) is
 * run as /bin/sh -c PRINT_COMMAND. The strings are copied by the fork.
 * Returns 0, or -1 with `e` filled. */
int launcher_start(const char *helper, char *const *args, int nargs,
		   const char *print_command, struct err *e);

/* 1 once launcher_start succeeded (until launcher_end), else 0. */
int launcher_active(void);

/* Runs JOB; LANG (the updater's --pipe=LANG, NULL for none) must be a
 * language tag (letters, digits, '-', '_', at most 15). Returns the job's
 * pipe (close-on-exec: the updater's stdout to read, the print command's
 * stdin to write), or -1 with `e` filled. One job of each kind at a time. */
int launcher_run(enum launch_job job, const char *lang, struct err *e);

/* Signals the running JOB: SIGTERM, or SIGKILL (to the print command's
 * whole session) when HARD. Does not wait. */
void launcher_stop(enum launch_job job, int hard);

/* Waits at most TIMEOUT_MS for JOB to end. Returns 0 with its wait
 * status in *status, or -1 when it has not ended yet (*status -1). A
 * launcher that is gone counts as the job's end, with status -1. */
int launcher_wait(enum launch_job job, int timeout_ms, int *status);

/* Closes the socket: the launcher stops a running job and exits; waits
 * for it (a few seconds at most, then SIGKILL). */
void launcher_end(void);

#endif
