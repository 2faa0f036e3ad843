/* update_verdict.c - what an update decides once the manifest and its
 * signature are here (update_int.h): the signer among the trusted keys,
 * the verdict (refused, current, newer), the files to fetch; and once they
 * are here, the new version built and switched in, and the key records
 * following a rotation the manifest announced. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "i18n.h"
#include "trust.h"
#include "update_int.h"

/* The clock is behind what the store proves: say so after a refusal, so
 * that "expired" is not blamed on the publisher alone. */
static void explain_clock(const struct update *u, struct err *e)
{
	char clock[21], floor[21];
	manifest_time_format(time(NULL), clock);
	manifest_time_format(u->old.floor.created, floor);
	/* TRANSLATORS: after an error; both %s are times as
	 * 2025-06-01T12:00:00Z. */
	err_append(e, _("; this machine's clock (%s) is behind the newest installed "
			"manifest, made %s: that time is taken as now (set the clock)"),
		   clock, floor);
}

/* Tells the staff, through syslog, that the clock is wrong: a kiosk
 * without battery or network keeps running with it. */
void update_note_clock(const struct update *u)
{
	char clock[21], floor[21];
	manifest_time_format(time(NULL), clock);
	manifest_time_format(u->old.floor.created, floor);
	syslog(LOG_WARNING, "the clock (%s) is behind the newest installed manifest, "
	       "made %s: that time is taken as now; set the clock", clock, floor);
}

/* The key rotation a verified, installed manifest asks for (keyring.h).
 * Returns NULL, or why the records could not follow (a new string). */
static char *rotate_keys(struct update *u)
{
	struct err e;
	if (keyring_accept(&u->keys, store_dir(u->store), &u->signer, u->m.next_key,
			   &e) == 0)
		return NULL;
	syslog(LOG_WARNING, "the key records were not updated: %s", e.msg);
	return xstrdup(e.msg);
}

/* Checks the signature with the trusted key it names, then the rest. */
static enum trust_verdict judge(struct update *u, struct err *e)
{
	char *sigurl = source_file_url(u->src, "manifest.minisig");
	char *murl = source_file_url(u->src, "manifest");
	enum trust_verdict v = TRUST_REFUSED;
	const struct minisign_key *k = keyring_pick(&u->keys, u->sig_text, u->sig_len,
						    sigurl, e);
	if (k) {
		u->signer = *k;
		v = trust_judge(k, u->manifest_text, u->manifest_len, murl, u->sig_text,
				u->sig_len, sigurl, &u->old, u->now, &u->m, e);
	}
	free(sigurl);
	free(murl);
	return v;
}

/* The manifest and its signature are here: decide. */
void update_judge_manifest(struct update *u)
{
	struct err e;
	enum trust_verdict v = judge(u, &e);
	if (v == TRUST_REFUSED && u->clock_behind)
		explain_clock(u, &e);
	if (v == TRUST_REFUSED) {
		update_next_mirror(u, &e);
		return;
	}
	u->have_m = 1;
	if (v == TRUST_CURRENT) {
		/* Remember the validators, so next time is a 304. */
		char *t = update_cache_text(u);
		install_remember_validators(u->store, t);
		free(t);
		/* verified and installed already: a record a failure left
		 * undone last time is made now */
		free(rotate_keys(u));
		u->current_seen = 1;
		update_next_mirror(u, NULL);
		return;
	}
	u->nwants = install_missing(u->store, &u->m, &u->wants, &u->total);
	u->phase = UPDATE_PHASE_FILES;
	u->cur = 0;
	update_next_file(u);
}

void update_build_and_switch(struct update *u)
{
	struct err e;
	char *cache = update_cache_text(u);
	u->phase = UPDATE_PHASE_CHECK;
	int r = install_version(u->store, &u->m, u->manifest_text, u->manifest_len,
				u->sig_text, u->sig_len, cache, &e);
	free(cache);
	if (r < 0) {
		update_fail(u, &e);
		return;
	}
	u->switched = 1;
	char *warn = rotate_keys(u);
	char old[64];
	if (u->old.serial)
		snprintf(old, sizeof old, "%llu", u->old.serial);
	else
		/* TRANSLATORS: the serial before the first update, in
		 * "serial none -> 7, ..." */
		snprintf(old, sizeof old, "%s", _("none"));
	/* TRANSLATORS: the summary of an update: the serial before and
	 * after, how many files were fetched, the bytes the network carried
	 * and the seconds it took. */
	char *msg = xasprintf(ngettext("serial %s -> %llu, %u file fetched, %llu bytes "
				       "on the wire, %.1f s",
				       "serial %s -> %llu, %u files fetched, %llu bytes "
				       "on the wire, %.1f s", u->files_fetched),
			      old, u->m.serial, u->files_fetched, u->wire, update_elapsed(u));
	if (warn) {
		/* TRANSLATORS: the summary of an update, then why the key
		 * records (key rotation) could not follow it. */
		char *both = xasprintf(_("%s; but the key records were not updated: %s"),
				       msg, warn);
		free(msg);
		msg = both;
	}
	free(warn);
	update_finish(u, UPDATE_OK, msg);
}
