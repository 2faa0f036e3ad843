/* fetch.h - an input's bytes: a file as named, or an http(s) URL with
 * the update's network rules (net.h: http and https only, redirects
 * too, TLS verified, a stalled transfer abandoned), both capped at
 * LOADER_MAX_FILE bytes. */
#ifndef IDM_IMPORT_FETCH_H
#define IDM_IMPORT_FETCH_H

#include "util.h"

/* Whether the argument is a URL (it has a scheme:// before any slash)
 * rather than a file name. */
int fetch_is_url(const char *arg);

/* Appends the input's bytes to b. A file must be a regular file (never
 * a FIFO or a device: nothing blocks or streams forever); a URL must be
 * http or https. Returns 0, or -1 with `e` filled. */
int fetch_input(const char *arg, struct buf *b, struct err *e);

#endif
