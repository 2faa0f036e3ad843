/* sandbox-probe.c - tries, from inside a confined process, what the
 * sandbox allows and what it forbids, for tests/cli/sandbox.sh; built
 * only for make check, never installed.
 *
 *   sandbox-probe updater STORE CONFIG KEY -- ACTION...
 *   sandbox-probe reader CACHE CONTENT STORE -- ACTION...
 * ACTION is write:PATH, read:PATH, socket:inet|inet6|unix|packet or
 * exec:PATH or ptrace; each prints "ACTION ok" or "ACTION refused (REASON)"
 * (probe-acts.h). */
#include <stdio.h>
#include <string.h>

#include "probe-acts.h"
#include "sandbox.h"

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "abi") == 0) {
		printf("%d\n", sandbox_landlock_abi());
		return 0;
	}
	if (argc < 6 || strcmp(argv[5], "--") != 0) {
		fputs("usage: sandbox-probe updater|reader A B C -- ACTION...\n", stderr);
		return 2;
	}
	/* the reader: CACHE, then what it reads (content, store) */
	const char *readable[] = { argv[3], argv[4], NULL };
	int r = strcmp(argv[1], "updater") == 0
		? sandbox_updater(argv[2], argv[3], argv[4], NULL)
		: sandbox_reader(argv[2], readable);
	if (r < 0) {
		perror("sandbox-probe: confining");
		return 1;
	}
	for (int i = 6; i < argc; i++)
		probe_act(stdout, argv[i]);
	return 0;
}
