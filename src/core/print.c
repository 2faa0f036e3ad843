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

/* Long because it is one sequence whose every step must undo the ones
 * before it on failure: format the page, start the command in its own
 * session, feed it under a deadline, reap it or kill its session. */
int print_page(const char *command, const struct page *p, int width, int flags,
	       int timeout_ms, struct err *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem) {
		err_set(e, _("cannot format the page: %s"), strerror(errno));
		return -1;
	}
	dump_page(mem, p, width, flags);
	qr_dump(mem, p, width, flags); /* the handout a visitor scans at home */
	if (fclose(mem) != 0) {
		free(text);
		err_set(e, _("cannot format the page"));
		return -1;
	}

	int fds[2];
	if (pipe(fds) < 0) {
		free(text);
		err_set(e, "pipe: %s", strerror(errno));
		return -1;
	}
	/* Our end must not leak into the child, or it never sees end of file. */
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
	pid_t pid = fork();
	if (pid < 0) {
		free(text);
		close(fds[0]);
		close(fds[1]);
		err_set(e, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		child(fds[0], command);
	close(fds[0]);

	/* A command that does not read must not hang the caller: write with
	 * poll and a deadline, and SIGPIPE ignored so a command that exits
	 * early is an EPIPE. */
	struct sigaction ign, old;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	long deadline = util_now_ms() + timeout_ms;
	size_t off = 0;
	int werr = 0;
	while (off < len) {
		long left = deadline - util_now_ms();
		if (left <= 0) {
			werr = ETIMEDOUT;
			break;
		}
		struct pollfd pfd = {.fd = fds[1], .events = POLLOUT};
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR) {
			werr = errno;
			break;
		}
		ssize_t n = write(fds[1], text + off, len - off);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			werr = errno;
			break;
		}
		off += (size_t)n;
	}
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	free(text);

	int status = 0;
	pid_t r;
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r != 0 || util_now_ms() >= deadline)
			break;
		struct timespec ts = {0, 20 * 1000000L};
		nanosleep(&ts, NULL);
	}
	if (r == 0) {
		kill(-pid, SIGKILL); /* its session: sh and what it started */
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		err_set(e, _("the print command did not finish within %d s"), timeout_ms / 1000);
		return -1;
	}
	if (r < 0) {
		err_set(e, "waitpid: %s", strerror(errno));
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
