/* localsrc.h - a local directory as an update source: a mounted USB
 * stick, a network share. The same shape as net.h (a request in, a
 * result out, driven by polls), so that update.c fetches from either
 * alike and judges what arrives by the same rules.
 *
 * A local source is only ever a mirror the configuration or the
 * command line names (file:///DIR or /DIR): net.c never follows a
 * redirect to file://. Files are read beneath the source directory, one
 * path component at a time, without following any symbolic link (a
 * published tree has none; one that points outside the tree is refused
 * like any other), and only regular files are read (a FIFO, a device or
 * a directory is refused without waiting). The size cap holds as bytes
 * are read, as over HTTP. "Bytes on the wire" are the bytes read. */
#ifndef IDM_LOCALSRC_H
#define IDM_LOCALSRC_H

#include "net.h"
#include "util.h"

/* 1 when `url` names a local directory: file:///DIR or an absolute path
 * /DIR; else 0 (http:// and https:// are net.c's). */
int localsrc_is_local(const char *url);

/* The directory `url` names (a new string): file:// URLs are
 * percent-decoded. Returns NULL with `e` filled when it is no local
 * directory URL (a relative path, a host name, %00 ...). */
char *localsrc_dir(const char *url, struct err *e);

struct localsrc;

struct localsrc *localsrc_new(void);
void localsrc_free(struct localsrc *ls);

/* Starts reading `rest` (a relative path: "manifest", "by-hash/SHA256")
 * beneath the directory `url` names, into r->fd from r->offset (the
 * bytes already there: reading resumes after them) or, when r->fd < 0,
 * into memory; r->url is not used, conditional fields are ignored (the
 * manifest is read whole every time: it is local). Returns 0, or -1 with
 * `e` filled ("DIR/rest: what"). */
int localsrc_start(struct localsrc *ls, const char *url, const char *rest,
		   const struct net_req *r, struct err *e);

/* Reads on (a bounded amount, so that a browser's loop stays
 * responsive). Returns 1 when the reading has ended (call
 * localsrc_finish), 0 when there is more. */
int localsrc_poll(struct localsrc *ls);

/* The outcome, as net_finish gives it: 0 with res->status NET_DONE (and
 * res->body for memory reads), or -1 with `e` filled (size cap, read or
 * write error). res->wire is the bytes read, in both cases. */
int localsrc_finish(struct localsrc *ls, struct net_result *res, struct err *e);

/* Abandons the running read, if any. */
void localsrc_cancel(struct localsrc *ls);

/* Bytes read so far by the running read. */
unsigned long long localsrc_received(const struct localsrc *ls);

#endif
