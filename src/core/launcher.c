/* launcher.c - see launcher.h.
 *
 * The socket is SOCK_SEQPACKET: each request and each answer is one
 * message. The reader sends a request (op 'R' run, 'T' SIGTERM, 'K'
 * SIGKILL; the job; for the updater a language tag). The launcher answers
 * a run with 'S' and the job's pipe as SCM_RIGHTS, or 'F' and an errno
 * value; when a job ends, it says 'E' with the wait status. The reader
 * cannot name a program, an argument or a file: the worst it can ask
 * is an update or a print. */
#define _GNU_SOURCE
#include "config.h"

#include "launcher.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "print.h"
#include "upclient.h"

#define LANG_MAX 16

struct request {
	char op, job;
	char lang[LANG_MAX];       /* NUL-terminated; "" for none */
};

struct answer {
	char op, job;
	int value;                 /* 'F': errno; 'E': wait status */
};

/* The updater's argv and the print command, fixed when the launcher is
 * forked (the launcher's own copy). */
struct jobs {
	const char *helper;
	char *const *args;
	int nargs;
	const char *print_command;
};

/* The reader's side. */
static int sock = -1;
static pid_t launcher_pid;
static int ended[LAUNCH_JOBS], status_of[LAUNCH_JOBS];

int launcher_active(void)
{
	return sock >= 0;
}

/* ---- the launcher's side ------------------------------------------- */

static int lang_ok(const char *l)
{
	size_t n = strnlen(l, LANG_MAX);
	if (n == LANG_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((l[i] >= 'a' && l[i] <= 'z') || (l[i] >= 'A' && l[i] <= 'Z') ||
		      (l[i] >= '0' && l[i] <= '9') || l[i] == '-' || l[i] == '_'))
			return 0;
	return 1;
}

static void answer(int s, char op, int job, int value, int fd)
{
	struct answer a;
	memset(&a, 0, sizeof a); /* no uninitialised padding on the wire */
	a.op = op;
	a.job = (char)job;
	a.value = value;
	struct iovec iov = {.iov_base = &a, .iov_len = sizeof a};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	if (fd >= 0) {
		memset(&u, 0, sizeof u);
		m.msg_control = u.buf;
		m.msg_controllen = sizeof u.buf;
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	while (sendmsg(s, &m, MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
}

/* Starts JOB; its pid in pids[job]; answers 'S' with the pipe or 'F'. */
static void run(int s, const struct jobs *j, const struct request *q, pid_t *pids)
{
	int job = q->job, fd = -1, r = 0;
	if (pids[job] > 0)
		r = EBUSY;
	else if (job == LAUNCH_UPDATE && (!j->helper || !lang_ok(q->lang)))
		r = j->helper ? EINVAL : ENOENT;
	else if (job == LAUNCH_PRINT && !j->print_command)
		r = ENOENT;
	else if (job == LAUNCH_UPDATE)
		r = upclient_spawn(j->helper, j->args, j->nargs, q->lang[0] ? q->lang : NULL,
				   &pids[job], &fd);
	else if ((pids[job] = print_spawn(j->print_command, &fd)) < 0)
		r = errno, pids[job] = 0;
	if (r) {
		answer(s, 'F', job, r, -1);
		return;
	}
	answer(s, 'S', job, 0, fd);
	close(fd);
}

static void stop(pid_t *pids, int job, int hard)
{
	if (pids[job] <= 0)
		return;
	if (hard && job == LAUNCH_PRINT)
		kill(-pids[job], SIGKILL); /* its session: sh and what it started */
	kill(pids[job], hard ? SIGKILL : SIGTERM);
}

/* Reaps what has ended and says so. */
static void reap(int s, pid_t *pids)
{
	for (int j = 0; j < LAUNCH_JOBS; j++) {
		int st;
		if (pids[j] > 0 && waitpid(pids[j], &st, WNOHANG) == pids[j]) {
			pids[j] = 0;
			answer(s, 'E', j, st, -1);
		}
	}
}

/* The reader is gone: a running update is stopped as upclient_cancel
 * stops it (the store stays as it was), a print command killed. */
static void finish(pid_t *pids)
{
	stop(pids, LAUNCH_UPDATE, 0);
	stop(pids, LAUNCH_PRINT, 1);
	for (int i = 0; i < 40 && (pids[0] > 0 || pids[1] > 0); i++) {
		for (int j = 0; j < LAUNCH_JOBS; j++)
			if (pids[j] > 0 && waitpid(pids[j], NULL, WNOHANG) == pids[j])
				pids[j] = 0;
		usleep(50 * 1000);
	}
	for (int j = 0; j < LAUNCH_JOBS; j++)
		if (pids[j] > 0) {
			kill(pids[j], SIGKILL);
			waitpid(pids[j], NULL, 0);
		}
}

/* Reads the signals that came: SIGCHLD (a job ended) or SIGTERM (the
 * reader died: PR_SET_PDEATHSIG). Returns 1 on SIGTERM. */
static int take_signals(int sfd)
{
	struct signalfd_siginfo si;
	int term = 0;
	while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
		term |= si.ssi_signo == SIGTERM;
	return term;
}

/* Sleeps in poll until a request, a job's end or the reader's: an idle
 * kiosk's launcher costs nothing, as the kiosk does. */
static void serve(int s, int sfd, const struct jobs *j)
{
	pid_t pids[LAUNCH_JOBS] = {0};
	for (;;) {
		struct pollfd pf[2] = {{.fd = s, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
		int n = poll(pf, 2, -1);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && pf[1].revents && take_signals(sfd))
			break;
		reap(s, pids);
		if (n <= 0 || !pf[0].revents)
			continue;
		struct request q;
		ssize_t got = recv(s, &q, sizeof q, MSG_DONTWAIT);
		if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
			break; /* the reader is gone */
		if (got != (ssize_t)sizeof q || q.job < 0 || q.job >= LAUNCH_JOBS)
			continue;
		q.lang[LANG_MAX - 1] = '\0';
		if (q.op == 'R')
			run(s, j, &q, pids);
		else if (q.op == 'T' || q.op == 'K')
			stop(pids, q.job, q.op == 'K');
	}
	finish(pids);
}

/* In the forked launcher: nothing of the reader's but the socket; the
 * terminal is not ours to write to. SIGCHLD and SIGTERM come by a
 * signalfd; the jobs start with no signal blocked (upclient_spawn,
 * print_spawn). */
static void become_launcher(int s, pid_t parent, const struct jobs *j)
{
	struct sigaction sa = {0};
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	/* the kiosk ignores or catches these; the jobs set their own */
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_SETMASK, &set, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent) /* it died before prctl */
		_exit(0);
	prctl(PR_SET_NAME, "idmview-launch");
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		if (null >= 0 && fd != s && fd != null)
			dup2(null, fd);
	int top = (int)sysconf(_SC_OPEN_MAX);
	for (int fd = 3; fd < (top > 0 && top < 65536 ? top : 65536); fd++)
		if (fd != s)
			close(fd);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd >= 0)
		serve(s, sfd, j);
	/* _exit: the reader's atexit handlers and stdio buffers are its own */
	_exit(0);
}

int launcher_start(const char *helper, char *const *args, int nargs,
		   const char *print_command, struct err *e)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		err_sys(e, errno, _("cannot start the kiosk's launcher"));
		return -1;
	}
	pid_t parent = getpid();
	fflush(NULL); /* what the reader buffered is written once, by it */
	pid_t pid = fork();
	if (pid < 0) {
		err_sys(e, errno, _("cannot start the kiosk's launcher"));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		struct jobs j = {helper, args, nargs, print_command};
		become_launcher(sv[1], parent, &j);
	}
	close(sv[1]);
	sock = sv[0];
	launcher_pid = pid;
	return 0;
}

/* ---- the reader's side --------------------------------------------- */

/* Takes one answer, waiting at most TIMEOUT_MS; an 'E' is recorded.
 * Returns 1 with *a (and *fd for 'S'), 0 on timeout, -1 when the
 * launcher is gone. */
static int take(int timeout_ms, struct answer *a, int *fd)
{
	struct pollfd pf = {.fd = sock, .events = POLLIN};
	int n = poll(&pf, 1, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	if (n == 0)
		return 0;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {.iov_base = a, .iov_len = sizeof *a};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1,
			   .msg_control = u.buf, .msg_controllen = sizeof u.buf};
	ssize_t got = recvmsg(sock, &m, MSG_CMSG_CLOEXEC);
	if (got < 0 && errno == EINTR)
		return 0;
	if (got != (ssize_t)sizeof *a || a->job < 0 || a->job >= LAUNCH_JOBS)
		return -1;
	*fd = -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(fd, CMSG_DATA(c), sizeof *fd);
	if (a->op == 'E') {
		ended[(int)a->job] = 1;
		status_of[(int)a->job] = a->value;
	}
	return 1;
}

static int ask(char op, enum launch_job job, const char *lang)
{
	struct request q;
	memset(&q, 0, sizeof q);
	q.op = op;
	q.job = (char)job;
	if (lang)
		strncpy(q.lang, lang, LANG_MAX - 1);
	ssize_t r;
	while ((r = send(sock, &q, sizeof q, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return r == (ssize_t)sizeof q ? 0 : -1;
}

int launcher_run(enum launch_job job, const char *lang, struct err *e)
{
	ended[job] = 0;
	status_of[job] = -1;
	if (lang && !lang_ok(lang)) {
		err_set(e, _("the kiosk's launcher refuses the language tag '%s'"), lang);
		return -1;
	}
	if (ask('R', job, lang) < 0) {
		err_sys(e, errno, _("the kiosk's launcher is gone"));
		return -1;
	}
	struct answer a;
	int fd, r;
	/* the answer is at once; an 'E' of an earlier job may come first */
	while ((r = take(5000, &a, &fd)) > 0 && a.op == 'E')
		;
	if (r > 0 && a.op == 'S' && fd >= 0)
		return fd;
	if (r > 0 && fd >= 0)
		close(fd);
	if (r > 0 && a.op == 'F')
		err_sys(e, a.value, job == LAUNCH_UPDATE ? _("cannot run the update program")
							  : _("cannot run the print command"));
	else
		err_set(e, "%s", _("the kiosk's launcher does not answer"));
	return -1;
}

void launcher_stop(enum launch_job job, int hard)
{
	if (sock >= 0)
		(void)ask(hard ? 'K' : 'T', job, NULL);
}

int launcher_wait(enum launch_job job, int timeout_ms, int *status)
{
	long deadline = util_now_ms() + timeout_ms;
	*status = -1;
	while (!ended[job]) {
		long left = deadline - util_now_ms();
		struct answer a;
		int fd, r = take(left > 0 ? (int)left : 0, &a, &fd);
		if (r > 0 && fd >= 0)
			close(fd);
		if (r < 0) {
			ended[job] = 1; /* no launcher: nothing more will come */
			status_of[job] = -1;
		} else if (left <= 0) {
			return -1;
		}
	}
	*status = status_of[job];
	return 0;
}

void launcher_end(void)
{
	if (sock < 0)
		return;
	close(sock);
	sock = -1;
	/* it stops a running update first: ~2 s at most */
	for (int i = 0; i < 80; i++) {
		pid_t r = waitpid(launcher_pid, NULL, WNOHANG);
		if (r == launcher_pid || (r < 0 && errno != EINTR))
			return;
		usleep(50 * 1000);
	}
	kill(launcher_pid, SIGKILL);
	waitpid(launcher_pid, NULL, 0);
}
