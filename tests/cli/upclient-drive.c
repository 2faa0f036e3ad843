/* upclient-drive.c - runs the browser's update client (core/upclient.c)
 * against PROG, as U does, and prints how it ended:
 *   "state ok|failed switched=N\nmessage TEXT\nprogress PHASE DONE TOTAL\n"
 * then "children none" when no child is left unreaped, and "fds same"
 * when as many descriptors are open as before.
 * Usage: upclient-drive PROG [SILENCE_MS [CANCEL_AFTER_MS]]
 * (tests/cli/upclient.sh gives it stand-ins that misbehave). With
 * UPCLIENT_LAUNCHER set, a kiosk's launcher (core/launcher.c) runs PROG,
 * as in a confined kiosk; it is ended before "children none".
 * UPCLIENT_LANG replaces the language tag "fr". */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "launcher.h"
#include "upclient.h"
#include "util.h"

static int count_fds(void)
{
	int n = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	long silence = argc > 2 ? atol(argv[2]) : 10000;
	long cancel = argc > 3 ? atol(argv[3]) : -1;
	char store[] = "--store=/nonexistent";
	char *args[] = {store};
	struct err e = {0};
	if (getenv("UPCLIENT_LAUNCHER") && launcher_start(argv[1], args, 1, NULL, &e) < 0) {
		printf("launcher failed: %s\n", e.msg);
		return 1;
	}
	int fds = count_fds();
	const char *lang = getenv("UPCLIENT_LANG"); /* a tag to refuse */
	struct upclient *c = upclient_begin(argv[1], args, 1, lang ? lang : "fr", silence, &e);
	if (!c) {
		printf("begin failed: %s\n", e.msg);
		return 1;
	}
	long start = util_now_ms();
	enum update_state st;
	while ((st = upclient_poll(c, 100, -1)) == UPDATE_RUNNING)
		if (cancel >= 0 && util_now_ms() - start >= cancel)
			upclient_cancel(c);
	struct update_progress p;
	upclient_progress(c, &p);
	printf("state %s switched=%d refused=%d\nmessage %s\nprogress %d %llu %llu\n",
	       st == UPDATE_OK ? "ok" : "failed", upclient_switched(c), upclient_refused(c),
	       upclient_message(c),
	       (int)p.phase, p.done, p.total);
	upclient_free(c);
	int same = count_fds() == fds;
	launcher_end();
	if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
		puts("children none");
	if (same)
		puts("fds same");
	return 0;
}
