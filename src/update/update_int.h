/* update_int.h - what update.c (the transfers: mirrors, manifest,
 * signature, files) shares with update_verdict.c (what is decided once the
 * manifest and its signature are here: trust, the files to fetch, the new
 * version and the key records), not for users of the update (update.h). */
#ifndef IDM_UPDATE_INT_H
#define IDM_UPDATE_INT_H

#include <time.h>

#include "install.h"
#include "keyring.h"
#include "manifest.h"
#include "minisign.h"
#include "source.h"
#include "store.h"
#include "update.h"

#define SIG_MAX 4096

enum step {
	STEP_MANIFEST,  /* GET manifest from mirror `mirror` */
	STEP_SIG,       /* GET manifest.minisig */
	STEP_FILE,      /* GET by-hash file `cur` */
	STEP_END,
};

struct update {
	struct source *src;      /* the mirrors, and the transfer under way */
	struct keyring keys;     /* trusted_key's and STORE/keys' */
	struct minisign_key signer; /* of the manifest judged last */
	struct store *store;
	enum step step;
	enum update_phase phase;
	enum update_state state;
	char *first_error;       /* of the mirrors tried */
	/* A mirror said nothing is newer: only the local sources after it
	 * (a stick mounted since) are still worth reading, and however they
	 * fail, the result is "already current". */
	int current_seen;
	struct installed old;
	/* fetched */
	char *manifest_text;
	size_t manifest_len;
	char *etag, *lm;
	char *sig_text;
	size_t sig_len;
	struct manifest m;
	int have_m;
	const struct manifest_file **wants; /* what the installed version lacks */
	size_t nwants, cur;
	int fd;
	int restarted;
	/* accounting */
	unsigned long long wire, done, total;
	unsigned files_fetched;
	struct timespec t0;
	/* "now" for expiry: never before the newest installed manifest was
	 * made (floor.h); clock_behind when the clock says otherwise. */
	time_t now;
	int clock_behind;
	char *netrc;             /* the credentials file, or NULL */
	int switched;
	char *message;
};

/* Seconds since the update started. */
double update_elapsed(const struct update *u);
/* Ends the update in state st with message (taken; redacted first). */
void update_finish(struct update *u, enum update_state st, char *message);
/* Ends the update as failed with e (and what to do when the disk is full). */
void update_fail(struct update *u, const struct err *e);
/* A mirror failed (e), or said nothing is newer (e NULL): the next one. */
void update_next_mirror(struct update *u, const struct err *e);
/* Starts fetching the next file the installed version lacks, or builds
 * and switches once there is none left. */
void update_next_file(struct update *u);
/* The HTTP validators of the manifest as kept in the store (a new string). */
char *update_cache_text(const struct update *u);

/* The manifest and its signature are here: decide (update_verdict.c). */
void update_judge_manifest(struct update *u);
/* Every file is here: install the version, switch, follow a rotation. */
void update_build_and_switch(struct update *u);
/* Tells syslog the clock is behind the store's floor. */
void update_note_clock(const struct update *u);

#endif
