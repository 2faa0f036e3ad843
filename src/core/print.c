/* print.c - see print.h. */
#include "config.h"

#include "print.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dump.h"
#include "launcher.h"
#include "qr.h"

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child(int rfd, const char *command)
{
	static const int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGHUP, SIGPIPE,
				   SIGTTIN, SIGTTOU};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	/* A kiosk ignores these; an ignored signal stays ignored across exec. */
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid(); /* no controlling terminal: the printer cannot reach the screen */
	int null = open("/dev/null", O_RDWR);
	if (rfd != 0) {
		dup2(rfd, 0);
		close(rfd);
	}
	if (null >= 0) {
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	_exit(127);
}

pid_t print_spawn(const char *command, int *wfd)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	/* Our end must not leak into the child, or it never sees end of file. */
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid_t pid = fork();
	if (pid < 0) {
		int saved = errno;
		close(fds[0]);
		close(fds[1]);
		errno = saved;
		return -1;
	}
	if (pid == 0)
		child(fds[0], command);
	close(fds[0]);
	*wfd = fds[1];
	return pid;
}

/* The page as print_page sends it; NULL with `e` filled. */
static char *format_page(const struct page *p, int width, int flags, size_t *len,
			 struct err *e)
{
	char *text = NULL;
	FILE *mem = open_memstream(&text, len);
	if (!mem) {
		err_set(e, _("cannot format the page: %s"), strerror(errno));
		return NULL;
	}
	dump_page(mem, p, width, flags);
	qr_dump(mem, p, width, flags); /* the handout a visitor scans at home */
	if (fclose(mem) != 0) {
		free(text);
		err_set(e, _("cannot format the page"));
		return NULL;
	}
	return text;
}

/* A command that does not read must not hang the caller: writes with
 * poll and a deadline, and SIGPIPE ignored so a command that exits early
 * is an EPIPE. Closes wfd. Returns 0 or an errno value. */
static int feed(int wfd, const char *text, size_t len, long deadline)
{
	struct sigaction ign, old;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	fcntl(wfd, F_SETFL, fcntl(wfd, F_GETFL) | O_NONBLOCK);
	size_t off = 0;
	int werr = 0;
	while (off < len) {
		long left = deadline - util_now_ms();
		if (left <= 0) {
			werr = ETIMEDOUT;
			break;
		}
		struct pollfd pfd = {.fd = wfd, .events = POLLOUT};
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR) {
			werr = errno;
			break;
		}
		ssize_t n = write(wfd, text + off, len - off);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			werr = errno;
			break;
		}
		off += (size_t)n;
	}
	close(wfd);
	sigaction(SIGPIPE, &old, NULL);
	return werr;
}

/* Waits for our own child until the deadline, then kills its session.
 * Returns 1 when it ended (status in *status), 0 when it was killed, -1
 * on an error of waitpid (errno). */
static int wait_own(pid_t pid, long deadline, int *status)
{
	pid_t r;
	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r != 0 || util_now_ms() >= deadline)
			break;
		struct timespec ts = {0, 20 * 1000000L};
		nanosleep(&ts, NULL);
	}
	if (r == 0) {
		kill(-pid, SIGKILL); /* its session: sh and what it started */
		kill(pid, SIGKILL);
		waitpid(pid, status, 0);
		return 0;
	}
	return r < 0 ? -1 : 1;
}

/* The same, for the command a kiosk's launcher runs. */
static int wait_launched(long deadline, int *status)
{
	long left = deadline - util_now_ms();
	if (launcher_wait(LAUNCH_PRINT, left > 0 ? (int)left : 0, status) == 0)
		return 1;
	launcher_stop(LAUNCH_PRINT, 1);
	(void)launcher_wait(LAUNCH_PRINT, 2000, status);
	return 0;
}

/* What the command's end says, as print_page returns it. */
static int judge(int ended, int status, int werr, int timeout_ms, struct err *e)
{
	if (ended == 0) {
		err_set(e, _("the print command did not finish within %d s"), timeout_ms / 1000);
		return -1;
	}
	if (ended < 0 || status == -1) {
		err_set(e, "waitpid: %s", strerror(ended < 0 ? errno : ECHILD));
		return -1;
	}
	if (WIFSIGNALED(status)) {
		err_set(e, _("the print command was killed by signal %d"), WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) != 0) {
		err_set(e, _("the print command failed (exit status %d)"), WEXITSTATUS(status));
		return -1;
	}
	if (werr) {
		err_set(e, _("the print command did not take the whole page: %s"),
			werr == ETIMEDOUT ? _("timed out") : strerror(werr));
		return -1;
	}
	return 0;
}

int print_page(const char *command, const struct page *p, int width, int flags,
	       int timeout_ms, struct err *e)
{
	size_t len = 0;
	char *text = format_page(p, width, flags, &len, e);
	if (!text)
		return -1;
	int wfd = -1;
	pid_t pid = 0;
	/* a confined kiosk runs no program: its launcher runs the command */
	int launched = launcher_active();
	if (launched)
		wfd = launcher_run(LAUNCH_PRINT, NULL, e);
	else if ((pid = print_spawn(command, &wfd)) < 0)
		err_set(e, "fork: %s", strerror(errno));
	if (wfd < 0) {
		free(text);
		return -1;
	}
	long deadline = util_now_ms() + timeout_ms;
	int werr = feed(wfd, text, len, deadline);
	free(text);
	int status = -1;
	int ended = launched ? wait_launched(deadline, &status) : wait_own(pid, deadline, &status);
	return judge(ended, status, werr, timeout_ms, e);
}
