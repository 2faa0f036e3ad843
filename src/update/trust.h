/* trust.h - whether a fetched manifest may be installed: the updater's
 * rules of trust, apart from the fetching (update.c) and the disk
 * (install.c). Private to the updater. */
#ifndef IDM_TRUST_H
#define IDM_TRUST_H

#include <stddef.h>
#include <time.h>

#include "install.h"
#include "manifest.h"
#include "minisign.h"
#include "util.h"

enum trust_verdict {
	TRUST_REFUSED = -1, /* e says why; another mirror may do better */
	TRUST_CURRENT = 0,  /* the installed manifest, byte for byte */
	TRUST_NEWER = 1,    /* a newer serial: install it */
};

/* Judges `text` (the manifest, named `name` in messages) with its
 * signature `sig` (named `signame`): signed by `key`, well formed, a
 * serial not below the installed one and, when equal, the very same
 * bytes; not expired at `now`. On TRUST_CURRENT and TRUST_NEWER *m holds
 * the parsed manifest (free with manifest_free); on TRUST_REFUSED it
 * holds nothing and `e` says why. */
enum trust_verdict trust_judge(const struct minisign_key *key, const char *text,
			       size_t len, const char *name, const char *sig,
			       size_t siglen, const char *signame,
			       const struct installed *old, time_t now,
			       struct manifest *m, struct err *e);

#endif
