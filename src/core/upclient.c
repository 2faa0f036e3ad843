/* upclient.c - see upclient.h. */
#include "config.h"

#include "upclient.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "launcher.h"
#include "layout.h"

struct upclient {
	pid_t pid;                 /* the child, 0 once reaped */
	int fd;                    /* its stdout, -1 once closed */
	enum update_state state;
	int have_result, result_ok, switched, refused;
	int killed;                /* we had to SIGKILL it */
	int launched;              /* run by the launcher, not yet reaped */
	struct update_progress p;
	char line[UPCLIENT_LINE_MAX];
	size_t len;
	long last_ms, silence_ms;  /* the last byte read; how long is a hang */
	char *message;
};

/* reap for a child the launcher runs: it reaps, we are told the status */
static void reap_launched(struct upclient *c, int term, int *status)
{
	c->launched = 0;
	if (term)
		launcher_stop(LAUNCH_UPDATE, 0);
	if (launcher_wait(LAUNCH_UPDATE, 2000, status) == 0)
		return;
	launcher_stop(LAUNCH_UPDATE, 1);
	c->killed = 1;
	(void)launcher_wait(LAUNCH_UPDATE, 2000, status);
}

/* Waits for the child: at most ~2 s after SIGTERM (when `term`) or after
 * it closed its pipe, then SIGKILL. Always reaps. */
static void reap(struct upclient *c, int term, int *status)
{
	*status = -1;
	if (c->launched) {
		reap_launched(c, term, status);
		return;
	}
	if (c->pid <= 0)
		return;
	if (term)
		kill(c->pid, SIGTERM);
	for (int i = 0; i < 40; i++) {
		pid_t r = waitpid(c->pid, status, WNOHANG);
		if (r == c->pid || (r < 0 && errno != EINTR)) {
			c->pid = 0;
			return;
		}
		usleep(50 * 1000);
	}
	kill(c->pid, SIGKILL);
	c->killed = 1;
	while (waitpid(c->pid, status, 0) < 0 && errno == EINTR)
		;
	c->pid = 0;
}

static void set_message(struct upclient *c, const char *text, size_t n)
{
	struct buf b = {0};
	int space = 1;
	/* the child's words are shown as content is: no control characters */
	layout_sanitize(text, n, 0, &space, &b);
	free(c->message);
	c->message = buf_take(&b);
}

/* Ends the run as failed with `why`; stops the child. */
static void fail(struct upclient *c, const char *why)
{
	int status;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	reap(c, 1, &status);
	c->state = UPDATE_FAILED;
	set_message(c, why, strlen(why));
}

/* The next space-separated decimal number of *s, at most `max`; "-1"
 * too when `neg`. Strict: no sign, no leading space, no overflow. */
static int take_num(const char **s, unsigned long long max, int neg, long long *out)
{
	const char *p = *s;
	int minus = neg && p[0] == '-' && p[1] == '1' && (p[2] == ' ' || !p[2]);
	if (minus) {
		*out = -1;
		*s = p + 2;
	} else {
		unsigned long long v = 0;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			unsigned d = (unsigned)(*p - '0');
			if (d > max || v > (max - d) / 10)
				return -1;
			v = v * 10 + d;
		}
		*out = (long long)v;
		*s = p;
	}
	if (**s == ' ')
		(*s)++;
	else if (**s)
		return -1;
	return 0;
}

/* "progress PHASE DONE TOTAL FILES_DONE FILES_TOTAL RATE ETA WIRE" */
static int parse_progress(struct upclient *c, const char *s)
{
	const unsigned long long big = 1ULL << 62;
	long long v[8];
	for (int i = 0; i < 8; i++) {
		unsigned long long max = i == 0 ? UPDATE_PHASE_DONE : i == 3 || i == 4 ? 1u << 30 : big;
		if (take_num(&s, max, i == 6, &v[i]) < 0)
			return -1;
	}
	if (*s || s[-1] == ' ')
		return -1;
	c->p = (struct update_progress){
		.phase = (enum update_phase)v[0], .done = (unsigned long long)v[1],
		.total = (unsigned long long)v[2], .files_done = (unsigned)v[3],
		.files_total = (unsigned)v[4], .rate = (double)v[5], .eta = (long)v[6],
		.wire = (unsigned long long)v[7]};
	return 0;
}

/* "result ok|failed|refused switched=0|1 TEXT" */
static int parse_result(struct upclient *c, const char *s)
{
	int ok = strncmp(s, "ok switched=", 12) == 0;
	int refused = strncmp(s, "refused switched=", 17) == 0;
	if (!ok && !refused && strncmp(s, "failed switched=", 16) != 0)
		return -1;
	s += ok ? 12 : refused ? 17 : 16;
	if ((s[0] != '0' && s[0] != '1') || s[1] != ' ' || c->have_result)
		return -1;
	c->switched = ok && s[0] == '1';
	c->refused = refused;
	c->result_ok = ok;
	c->have_result = 1;
	set_message(c, s + 2, strlen(s + 2));
	return 0;
}

static int take_line(struct upclient *c, char *s)
{
	if (strncmp(s, "progress ", 9) == 0 && !c->have_result)
		return parse_progress(c, s + 9);
	if (strncmp(s, "result ", 7) == 0)
		return parse_result(c, s + 7);
	return -1;
}

/* Splits what arrived into lines; -1 on a malformed or over-long one. */
static int take_bytes(struct upclient *c, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i] != '\n') {
			if (b[i] == '\0' || c->len + 1 >= sizeof c->line)
				return -1;
			c->line[c->len++] = b[i];
			continue;
		}
		c->line[c->len] = '\0';
		c->len = 0;
		if (take_line(c, c->line) < 0)
			return -1;
	}
	return 0;
}

/* The pipe's end: the result the child gave, if it gave one and then
 * exited as it says. */
static void finish(struct upclient *c)
{
	int status;
	close(c->fd);
	c->fd = -1;
	reap(c, 0, &status);
	if (c->len) {
		c->state = UPDATE_FAILED;
		const char *m = _("the update program sent an incomplete line");
		set_message(c, m, strlen(m));
	} else if (!c->have_result) {
		char why[160];
		if (c->killed)
			snprintf(why, sizeof why, "%s",
				 _("the update program closed its output without a result and was stopped"));
		else if (status != -1 && WIFSIGNALED(status))
			snprintf(why, sizeof why, _("the update program was killed by signal %d"),
				 WTERMSIG(status));
		else
			snprintf(why, sizeof why, _("the update program ended without a result (exit status %d)"),
				 status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		c->state = UPDATE_FAILED;
		set_message(c, why, strlen(why));
	} else {
		c->state = c->result_ok ? UPDATE_OK : UPDATE_FAILED;
	}
}

/* The child's stdin and stderr are /dev/null (its words would scribble
 * over the screen), its stdout the pipe; the signals the browser ignores
 * or catches are the defaults again. */
static int spawn(pid_t *pid, const char *prog, char **argv, int wfd)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, def;
	sigemptyset(&none);
	sigfillset(&def);
	sigdelset(&def, SIGKILL);
	sigdelset(&def, SIGSTOP);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, wfd, 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	extern char **environ;
	int r = posix_spawn(pid, prog, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	return r;
}

int upclient_spawn(const char *prog, char *const *args, int nargs, const char *lang,
		   pid_t *pid, int *rfd)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		return errno;
	char *mode = xasprintf("--pipe%s%s", lang ? "=" : "", lang ? lang : "");
	char **argv = xcalloc((size_t)nargs + 4, sizeof *argv);
	argv[0] = xstrdup(prog);
	argv[1] = mode;
	for (int i = 0; i < nargs; i++)
		argv[i + 2] = args[i];
	argv[nargs + 2] = xstrdup("--update");
	int r = spawn(pid, prog, argv, fds[1]);
	close(fds[1]);
	free(argv[0]);
	free(argv[nargs + 2]);
	free(argv);
	free(mode);
	if (r != 0)
		close(fds[0]);
	else
		*rfd = fds[0];
	return r;
}

struct upclient *upclient_begin(const char *prog, char *const *args, int nargs,
				const char *lang, long silence_ms, struct err *e)
{
	struct upclient *c = xcalloc(1, sizeof *c);
	c->silence_ms = silence_ms;
	c->last_ms = util_now_ms();
	if (launcher_active()) {
		/* a confined kiosk: its launcher runs the same program */
		c->fd = launcher_run(LAUNCH_UPDATE, lang, e);
		c->launched = c->fd >= 0;
		if (c->fd < 0) {
			free(c);
			return NULL;
		}
		return c;
	}
	int r = upclient_spawn(prog, args, nargs, lang, &c->pid, &c->fd);
	if (r != 0) {
		err_sys(e, r, _("cannot run %s"), prog);
		free(c);
		return NULL;
	}
	return c;
}

enum update_state upclient_poll(struct upclient *c, int timeout_ms, int extra_fd)
{
	if (c->state != UPDATE_RUNNING)
		return c->state;
	struct pollfd pf[2] = {{.fd = c->fd, .events = POLLIN}, {.fd = extra_fd, .events = POLLIN}};
	long left = c->silence_ms - (util_now_ms() - c->last_ms);
	if (left < timeout_ms)
		timeout_ms = left < 0 ? 0 : (int)left;
	if (poll(pf, extra_fd >= 0 ? 2 : 1, timeout_ms) < 0 && errno != EINTR) {
		fail(c, strerror(errno));
		return c->state;
	}
	if (pf[0].revents) {
		char b[4096];
		ssize_t n = read(c->fd, b, sizeof b);
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			fail(c, strerror(errno));
		else if (n == 0)
			finish(c);
		else if (n > 0 && take_bytes(c, b, (size_t)n) < 0)
			fail(c, _("the update program sent a malformed line"));
		else
			c->last_ms = util_now_ms();
	} else if (util_now_ms() - c->last_ms >= c->silence_ms) {
		fail(c, _("the update program stopped responding"));
	}
	return c->state;
}

void upclient_progress(const struct upclient *c, struct update_progress *p)
{
	*p = c->p;
}

void upclient_cancel(struct upclient *c)
{
	if (c->state == UPDATE_RUNNING)
		fail(c, _("cancelled"));
}

const char *upclient_message(const struct upclient *c)
{
	return c->message ? c->message : "";
}

int upclient_refused(const struct upclient *c)
{
	return c->state == UPDATE_FAILED && c->refused;
}

int upclient_switched(const struct upclient *c)
{
	return c->state == UPDATE_OK && c->switched;
}

void upclient_free(struct upclient *c)
{
	if (!c)
		return;
	upclient_cancel(c);
	free(c->message);
	free(c);
}
