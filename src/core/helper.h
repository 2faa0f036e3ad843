/* helper.h - where the reader finds idmview-update, the program that
 * does the network, signature and store work (the reader links none of
 * it: its start-up maps no TLS, HTTP or crypto library). */
#ifndef IDM_HELPER_H
#define IDM_HELPER_H

#include "util.h"

/* The helper's file name. */
#define HELPER_NAME "idmview-update"

/* The helper's path: next to the running program (so the build tree's
 * src/idmview finds src/idmview-update), else in the configured
 * pkglibexecdir. Returns a new string (caller frees), or NULL with `e`
 * naming the paths that were tried. */
char *helper_find(struct err *e);

#endif
