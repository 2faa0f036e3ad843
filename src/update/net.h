/* net.h - HTTP(S) transfers, one at a time, driven without blocking.
 *
 * The one module that uses libcurl (its multi interface); no curl type
 * crosses this header. Transfers: http and https only, redirects too
 * (at most 5); TLS always verified; proxies from the environment; no
 * Accept-Encoding, so bytes arrive exactly as published (a gzip bomb is
 * never inflated here); a stalled transfer is abandoned; a size cap is
 * enforced as bytes arrive; each transfer has an overall deadline scaled
 * to its size. */
#ifndef IDM_NET_H
#define IDM_NET_H

#include "util.h"

struct net_opts {
	long connect_timeout; /* seconds; 0 = 20 */
	long stall_timeout;   /* seconds without a byte; 0 = 30 */
	long long max_rate;   /* bytes/s, 0 = unlimited */
	long min_deadline;    /* seconds a whole transfer may take at least;
				 0 = 300. A transfer may take that plus its
				 size at NET_SLOW_RATE (or at half max_rate,
				 when that is slower): a server that drips a
				 byte at a time, too fast to stall, is still
				 abandoned. */
	const char *netrc;    /* credentials file (netrc format) or NULL;
				 checked by net_secret_file_check first */
};

/* The slowest rate a transfer is granted beyond its minimum: 4 KiB/s,
 * slower than any link a kiosk is updated over. */
#define NET_SLOW_RATE 4096ull

struct net_req {
	const char *url;
	/* Where the body goes: an open file (written from `offset`, which is
	 * how much of it is already there: a Range request resumes after it)
	 * or, when fd < 0, memory (net_result.body). */
	int fd;
	unsigned long long offset;
	unsigned long long max;      /* the largest whole body accepted */
	const char *etag;            /* If-None-Match, or NULL */
	const char *last_modified;   /* If-Modified-Since, or NULL */
};

enum net_status {
	NET_DONE,          /* 200/206: body received whole */
	NET_NOT_MODIFIED,  /* 304 */
	NET_RESTART,       /* 416 on a resume: file emptied, start again */
};

struct net_result {
	enum net_status status;
	long code;
	unsigned long long size;   /* total bytes now in the file / body */
	unsigned long long wire;   /* bytes received: headers and body */
	char *body;                /* memory transfers: the body (caller frees) */
	char *etag, *last_modified; /* response validators or NULL (caller frees) */
};

struct net;

/* Sets up libcurl (once per process) and a transfer driver. Returns NULL
 * with `e` filled when libcurl cannot start. */
struct net *net_new(const struct net_opts *o, struct err *e);
void net_free(struct net *n);

/* Starts a transfer; the previous one must be finished. Returns 0, or -1
 * with `e` filled. */
int net_start(struct net *n, const struct net_req *r, struct err *e);

/* Moves the transfer on: waits at most `timeout_ms` for the network or
 * for `extra_fd` (-1: none) to become readable. Returns 1 when the
 * transfer has ended (call net_finish), 0 when it is still running. */
int net_poll(struct net *n, int timeout_ms, int extra_fd);

/* The outcome of the ended transfer. Returns 0 with `res` filled, or -1
 * with `e` filled ("URL: HTTP 503", "URL: stalled ...", size cap, write
 * errors); res->wire is filled in both cases. */
int net_finish(struct net *n, struct net_result *res, struct err *e);

/* Abandons the running transfer, if any. */
void net_cancel(struct net *n);

/* Body bytes received so far by the running transfer (not counting the
 * resume offset). */
unsigned long long net_received(const struct net *n);

void net_result_free(struct net_result *res);

/* Whether `path` may hold secrets: a regular file (not a link, FIFO or
 * device: nothing that blocks or leads elsewhere), owned by this user,
 * that neither group nor others may read or write. Returns 0, or -1
 * with `e` saying what is wrong and how to put it right. */
int net_secret_file_check(const char *path, struct err *e);

#endif
