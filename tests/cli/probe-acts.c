/* probe-acts.c - what a confined process tries, for the tests of its
 * confinement: tests/cli/sandbox-probe and the test-hooked reader
 * (src/idmview-hooked, tests/terminal/kiosk-confined.sh); built only for
 * make check, never installed. See probe-acts.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe-acts.h"

static int try_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	int r = write(fd, "x\n", 2) == 2 ? 0 : errno;
	close(fd);
	return r;
}

static int try_read(const char *path)
{
	char b[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int r = read(fd, b, sizeof b) >= 0 ? 0 : errno;
	close(fd);
	return r;
}

static int try_socket(const char *fam)
{
	int f = strcmp(fam, "inet") == 0 ? AF_INET : strcmp(fam, "inet6") == 0 ? AF_INET6
		: strcmp(fam, "unix") == 0 ? AF_UNIX : AF_PACKET;
	int s = socket(f, f == AF_PACKET ? SOCK_RAW : SOCK_STREAM, 0);
	if (s < 0)
		return errno;
	close(s);
	return 0;
}

/* the child reports execve's errno as its status; 0 is the program's */
static int try_exec(const char *path)
{
	pid_t pid = fork();
	if (pid == 0) {
		/* a shell that does run must not read the kiosk's terminal */
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execl(path, path, (char *)NULL);
		_exit(errno ? errno : 1);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return errno;
	return WIFEXITED(st) ? WEXITSTATUS(st) : EINTR;
}

/* ptrace is killed, not refused: -1 when the child died of SIGSYS */
static int try_ptrace(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 ? errno : 0);
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return errno;
	if (WIFSIGNALED(st))
		return WTERMSIG(st) == SIGSYS ? -1 : EINTR;
	return WEXITSTATUS(st);
}

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

void probe_act(FILE *out, const char *a)
{
#ifdef SANITIZED
	/* sandbox.c leaves ptrace to LeakSanitizer in such a build */
	if (strcmp(a, "ptrace") == 0) {
		fprintf(out, "ptrace skipped (sanitizer build)\n");
		return;
	}
#endif
	const char *arg = strchr(a, ':');
	arg = arg ? arg + 1 : "";
	int r = strncmp(a, "write:", 6) == 0 ? try_write(arg)
	      : strncmp(a, "read:", 5) == 0 ? try_read(arg)
	      : strncmp(a, "socket:", 7) == 0 ? try_socket(arg)
	      : strncmp(a, "exec:", 5) == 0 ? try_exec(arg)
	      : strcmp(a, "ptrace") == 0 ? try_ptrace() : EINVAL;
	if (r < 0)
		fprintf(out, "%s refused (killed by SIGSYS)\n", a);
	else if (r)
		fprintf(out, "%s refused (%s)\n", a, strerror(r));
	else
		fprintf(out, "%s ok\n", a);
	fflush(out);
}

