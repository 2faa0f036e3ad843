/* reader-probe.c - see reader-probe.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe-acts.h"
#include "reader-probe.h"

static FILE *out;

static void probe(void)
{
	char *acts = strdup(getenv("IDMVIEW_TEST_PROBE"));
	for (char *save = NULL, *a = strtok_r(acts, ",", &save); a;
	     a = strtok_r(NULL, ",", &save))
		probe_act(out, a);
	fprintf(out, "done\n");
	fclose(out);
	free(acts);
}

void (*reader_probe_hook(void))(void)
{
	const char *acts = getenv("IDMVIEW_TEST_PROBE");
	const char *path = getenv("IDMVIEW_TEST_PROBE_OUT");
	if (!acts || !path || !(out = fopen(path, "we")))
		return NULL;
	return probe;
}
