/* probe-acts.h - one try of a confined process, for the tests. */
#ifndef IDM_PROBE_ACTS_H
#define IDM_PROBE_ACTS_H

#include <stdio.h>

/* Tries ACTION: write:PATH, read:PATH, socket:inet|inet6|unix|packet,
 * exec:PATH (in a forked child) or ptrace (likewise); writes to OUT
 * "ACTION ok" or "ACTION refused (REASON)". */
void probe_act(FILE *out, const char *action);

#endif
