/* update.c - see update.h. */
#include "config.h"

#include "update.h"
#include "update_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"
#include "i18n.h"
#include "install.h"
#include "keyring.h"
#include "manifest.h"
#include "redact.h"
#include "source.h"
#include "status.h"
#include "store.h"

double update_elapsed(const struct update *u)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - u->t0.tv_sec) +
	       (double)(t.tv_nsec - u->t0.tv_nsec) / 1e9;
}

/* Every attempt that held the store ends here: its record (status.h)
 * is written once, for the command line, the browser and the kiosk
 * alike. Best effort: the record is not content, and an update that
 * worked is not undone because its record could not be written. */
static void record(struct update *u, int ok, const char *message)
{
	if (!u->store)
		return;
	struct err e;
	unsigned long long before = u->old.serial;
	if (!before && !u->switched) /* the installed manifest was not read */
		before = store_current_serial(store_dir(u->store));
	unsigned long long after = u->switched ? u->m.serial : before;
	char *source = ok ? source_mirror(u->src) : NULL;
	status_record(store_dir(u->store), time(NULL), ok, message, before, after,
		      u->wire, source, &e);
	free(source);
}

void update_finish(struct update *u, enum update_state st, char *message)
{
	/* Whatever the message quotes, it reaches the status record, the
	 * terminal and syslog without a mirror's credentials. */
	char *shown = redact_text(message);
	free(message);
	message = shown;
	record(u, st == UPDATE_OK, message);
	if (u->fd >= 0) {
		close(u->fd);
		u->fd = -1;
	}
	if (u->src)
		source_cancel(u->src);
	free(u->message);
	u->message = message;
	u->state = st;
	u->step = STEP_END;
	u->phase = UPDATE_PHASE_DONE;
}

/* A full disk (or quota) is the one failure the user can put right
 * where the store is: say so, and what to do. */
static void explain_no_room(struct err *e, const char *store)
{
	if (e->sys != ENOSPC && e->sys != EDQUOT)
		return;
	/* TRANSLATORS: after "FILE: cannot create: (the system's reason)"; %s is a directory. */
	err_append(e, _("; no room left on the disk that holds %s: free some space there "
			"and run the update again (what was downloaded is kept)"), store);
}

void update_fail(struct update *u, const struct err *e)
{
	struct err x = *e;
	if (u->store)
		explain_no_room(&x, store_dir(u->store));
	update_finish(u, UPDATE_FAILED, xstrdup(x.msg));
}

static int start_memory(struct update *u, const char *rest,
			unsigned long long max, int conditional, struct err *e)
{
	char *url = source_file_url(u->src, rest);
	struct net_req r = {0};
	r.fd = -1;
	r.max = max;
	if (conditional && u->old.url && !strcmp(u->old.url, url)) {
		r.etag = u->old.etag;
		r.last_modified = u->old.lm;
	}
	int rc = source_start(u->src, rest, &r, e);
	free(url);
	return rc;
}

static void already_current(struct update *u);

/* A mirror failed (e), or said nothing is newer (e NULL): try the next
 * one, or end with the first error (or as already current). */
void update_next_mirror(struct update *u, const struct err *e)
{
	if (e && !u->first_error)
		u->first_error = xstrdup(e->msg);
	free(u->manifest_text);
	free(u->sig_text);
	free(u->etag);
	free(u->lm);
	u->manifest_text = u->sig_text = u->etag = u->lm = NULL;
	if (u->have_m)
		manifest_free(&u->m);
	u->have_m = 0;
	struct err e2;
	while (source_next(u->src)) {
		if ((!u->current_seen || source_is_local(u->src)) &&
		    start_memory(u, "manifest", MANIFEST_MAX_TEXT, 1, &e2) == 0) {
			u->step = STEP_MANIFEST;
			return;
		}
	}
	if (u->current_seen) {
		already_current(u);
		return;
	}
	struct err all;
	if (source_count(u->src) > 1)
		err_set(&all, _("no mirror gave a usable update; the first said: %s"),
			u->first_error);
	else
		err_set(&all, "%s", u->first_error);
	update_fail(u, &all);
}

static void already_current(struct update *u)
{
	/* TRANSLATORS: the summary of an update that found nothing new: the
	 * serial of the installed content, the bytes the network carried and
	 * the seconds it took. */
	update_finish(u, UPDATE_OK,
	       xasprintf(_("already current (serial %llu), %llu bytes on the wire, "
			   "%.1f s"), u->old.serial, u->wire, update_elapsed(u)));
}

char *update_cache_text(const struct update *u)
{
	char *url = source_file_url(u->src, "manifest");
	struct buf b = {0};
	buf_printf(&b, "url %s\n", url);
	if (u->etag)
		buf_printf(&b, "etag %s\n", u->etag);
	if (u->lm)
		buf_printf(&b, "last-modified %s\n", u->lm);
	free(url);
	return buf_take(&b);
}

void update_next_file(struct update *u)
{
	struct err e;
	while (u->cur < u->nwants) {
		const struct manifest_file *f = u->wants[u->cur];
		unsigned long long have = 0;
		int r = install_partial_open(u->store, f, &u->fd, &have, &e);
		if (r < 0) {
			update_fail(u, &e);
			return;
		}
		if (r == 1) {
			u->done += f->size;
			u->cur++;
			continue;
		}
		char *rest = xasprintf("by-hash/%s", f->sha256);
		struct net_req req = {0};
		req.fd = u->fd;
		req.offset = have;
		req.max = f->size;
		int rc = source_start(u->src, rest, &req, &e);
		free(rest);
		if (rc < 0) {
			update_fail(u, &e);
			return;
		}
		u->step = STEP_FILE;
		return;
	}
	update_build_and_switch(u);
}

static void manifest_arrived(struct update *u, int r, struct net_result *res,
			     struct err *e)
{
	if (r < 0) {
		update_next_mirror(u, e);
		return;
	}
	if (res->status == NET_NOT_MODIFIED && u->old.serial) {
		u->current_seen = 1;
		update_next_mirror(u, NULL);
		return;
	}
	if (res->status != NET_DONE) {
		/* TRANSLATORS: %s is the file asked of the mirror: "manifest"
		 * or "manifest.minisig"; then the HTTP status code. */
		err_set(e, _("%s: unexpected answer (HTTP %ld)"), "manifest", res->code);
		update_next_mirror(u, e);
		return;
	}
	u->manifest_text = res->body;
	u->manifest_len = (size_t)res->size;
	u->etag = res->etag;
	u->lm = res->last_modified;
	res->body = res->etag = res->last_modified = NULL;
	if (start_memory(u, "manifest.minisig", SIG_MAX, 0, e) < 0) {
		update_next_mirror(u, e);
		return;
	}
	u->step = STEP_SIG;
}

static void sig_arrived(struct update *u, int r, struct net_result *res,
			struct err *e)
{
	if (r < 0 || res->status != NET_DONE) {
		if (r == 0)
			err_set(e, _("%s: unexpected answer (HTTP %ld)"), "manifest.minisig",
				res->code);
		update_next_mirror(u, e);
		return;
	}
	u->sig_text = res->body;
	u->sig_len = (size_t)res->size;
	res->body = NULL;
	update_judge_manifest(u);
}

static void file_arrived(struct update *u, int r, const struct net_result *res,
			 struct err *e)
{
	const struct manifest_file *f = u->wants[u->cur];
	if (r < 0) {
		update_fail(u, e);
		return;
	}
	if (res->status == NET_RESTART) {
		close(u->fd);
		u->fd = -1;
		if (u->restarted++ > 2) {
			err_set(e, _("by-hash/%s: the server refuses ranges "
				    "(416) repeatedly"), f->sha256);
			update_fail(u, e);
			return;
		}
		update_next_file(u);
		return;
	}
	if (res->status != NET_DONE) {
		err_set(e, _("by-hash/%s: unexpected answer (HTTP %ld)"),
			f->sha256, res->code);
		update_fail(u, e);
		return;
	}
	int a = install_accept(u->store, u->fd, f, e);
	u->fd = -1;
	if (a != 0) {
		update_fail(u, e);
		return;
	}
	u->files_fetched++;
	u->done += f->size;
	u->cur++;
	update_next_file(u);
}

static void transfer_ended(struct update *u)
{
	struct net_result res;
	struct err e;
	int r = source_finish(u->src, &res, &e);
	u->wire += res.wire;
	switch (u->step) {
	case STEP_MANIFEST:
		manifest_arrived(u, r, &res, &e);
		break;
	case STEP_SIG:
		sig_arrived(u, r, &res, &e);
		break;
	case STEP_FILE:
		file_arrived(u, r, &res, &e);
		break;
	case STEP_END:
		break;
	}
	net_result_free(&res);
}

static struct update_opts opts_from_config(const struct config *cfg)
{
	struct update_opts o = {0};
	o.urls = cfg->update_urls;
	o.nurls = cfg->nupdate_urls;
	o.trusted_key = cfg->trusted_key;
	o.store = cfg->store;
	o.max_rate = cfg->max_rate;
	o.stall_timeout = cfg->stall_timeout;
	o.transfer_timeout = cfg->transfer_timeout;
	o.credentials_file = cfg->credentials_file;
	o.offline = cfg->offline;
	return o;
}

static struct update *start(const struct update_opts *o, struct err *e)
{
	if (o->offline) {
		err_set(e, _("offline: updates are turned off (offline = yes, or "
			   "--offline)"));
		return NULL;
	}
	if (o->nurls == 0) {
		err_set(e, _("no update URL: give --update-url=URL or set update_url "
			   "in the configuration file"));
		return NULL;
	}
	struct update *u = xcalloc(1, sizeof *u);
	u->fd = -1;
	u->state = UPDATE_FAILED; /* until it runs: nothing to cancel */
	clock_gettime(CLOCK_MONOTONIC, &u->t0);
	/* The mirror list is the one setting read after the start. */
	u->netrc = o->credentials_file ? xstrdup(o->credentials_file) : NULL;
	struct net_opts no = {.stall_timeout = o->stall_timeout, .max_rate = o->max_rate,
			      .min_deadline = o->transfer_timeout, .netrc = u->netrc};
	u->src = source_new(o->urls, o->nurls, &no);

	/* The store first, so that a key that cannot be read is recorded in
	 * its status like any other failed attempt. */
	u->store = store_open(o->store, e);
	if (!u->store)
		goto bad;
	if ((u->netrc && net_secret_file_check(u->netrc, e) < 0) ||
	    keyring_load(&u->keys, o->trusted_key, store_dir(u->store), e) < 0 ||
	    installed_read(u->store, &u->old, e) < 0) {
		record(u, 0, e->msg);
		goto bad;
	}
	u->now = floor_now(&u->old.floor, &u->clock_behind);
	if (u->clock_behind)
		update_note_clock(u);
	u->step = STEP_MANIFEST;
	u->phase = UPDATE_PHASE_MANIFEST;
	u->state = UPDATE_RUNNING;
	if (start_memory(u, "manifest", MANIFEST_MAX_TEXT, 1, e) < 0)
		update_next_mirror(u, e);
	return u;
bad:
	explain_no_room(e, o->store);
	update_free(u);
	return NULL;
}

struct update *update_begin(const struct config *cfg, struct err *e)
{
	struct update_opts o = opts_from_config(cfg);
	return start(&o, e);
}

enum update_state update_poll(struct update *u, int timeout_ms, int extra_fd)
{
	if (u->state != UPDATE_RUNNING)
		return u->state;
	if (source_poll(u->src, timeout_ms, extra_fd))
		transfer_ended(u);
	return u->state;
}

void update_progress(const struct update *u, struct update_progress *p)
{
	memset(p, 0, sizeof *p);
	p->phase = u->phase;
	p->total = u->total;
	p->done = u->done;
	if (u->step == STEP_FILE)
		p->done += source_received(u->src);
	p->files_done = (unsigned)u->cur;
	p->files_total = (unsigned)u->nwants;
	p->wire = u->wire;
	double t = update_elapsed(u);
	p->rate = t > 0 ? (double)p->done / t : 0;
	p->eta = p->rate > 0 && p->total >= p->done
			 ? (long)((double)(p->total - p->done) / p->rate) : -1;
}

void update_cancel(struct update *u)
{
	if (u->state == UPDATE_RUNNING)
		update_finish(u, UPDATE_FAILED, xstrdup(_("cancelled")));
}

const char *update_message(const struct update *u)
{
	return u->message ? u->message : "";
}

int update_switched(const struct update *u)
{
	return u->switched;
}

void update_free(struct update *u)
{
	if (!u)
		return;
	update_cancel(u);
	if (u->fd >= 0)
		close(u->fd);
	source_free(u->src);
	store_close(u->store);
	free(u->first_error);
	installed_free(&u->old);
	free(u->manifest_text);
	free(u->etag);
	free(u->lm);
	free(u->sig_text);
	if (u->have_m)
		manifest_free(&u->m);
	free(u->wants);
	free(u->message);
	free(u->netrc);
	free(u);
}
