/* source.h - where an update's files come from: the configured mirrors,
 * tried in order, each an http(s) URL (net.c) or a local directory such
 * as a USB stick (localsrc.c), read alike through one request and result
 * shape (struct net_req, struct net_result). One transfer at a time. */
#ifndef IDM_SOURCE_H
#define IDM_SOURCE_H

#include <stddef.h>

#include "net.h"
#include "util.h"

struct source;

/* The mirrors `urls` (copied) with the network settings `o` (used from
 * the first http(s) mirror on: libcurl is set up only when one is read).
 * The first mirror is the current one. */
struct source *source_new(char *const *urls, size_t n, const struct net_opts *o);
void source_free(struct source *s);

/* How many mirrors there are. */
size_t source_count(const struct source *s);
/* Moves to the next mirror; returns 0 when there is none left. */
int source_next(struct source *s);
/* The current mirror's URL as configured but with its credentials
 * redacted (redact.h; a new string), or NULL past the last one. */
char *source_mirror(const struct source *s);
/* 1 when the current mirror is a local directory. */
int source_is_local(const struct source *s);
/* The address of file `rest` on the current mirror (a new string), as
 * messages and the validators cache name it: credentials redacted. */
char *source_file_url(const struct source *s, const char *rest);

/* Starts reading `rest` from the current mirror as `r` says (its url is
 * filled in here). Returns 0, or -1 with `e` filled. */
int source_start(struct source *s, const char *rest, struct net_req *r, struct err *e);
/* Moves the transfer on, waiting at most `timeout_ms` (network) for it or
 * for `extra_fd`; returns 1 when it has ended (call source_finish). */
int source_poll(struct source *s, int timeout_ms, int extra_fd);
/* The outcome of the ended transfer, as net_finish gives it. */
int source_finish(struct source *s, struct net_result *res, struct err *e);
/* Abandons the running transfer, if any. */
void source_cancel(struct source *s);
/* Body bytes the running transfer has received so far. */
unsigned long long source_received(const struct source *s);

#endif
