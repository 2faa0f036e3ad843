/* keyring.h - which keys may sign a manifest: the configured ones and
 * those key rotation brought (issue #14; idmview-publish(1) KEY ROTATION).
 *
 * A publisher replaces its key without touching every kiosk: a manifest
 * signed by a trusted key may announce the next key (manifest.h
 * next_key); once that manifest is verified and installed, the next key
 * is recorded in STORE/keys (keystore.h) and trusted beside the old one;
 * once a manifest signed by the next key is installed, the keys that
 * announced it are retired, and a manifest signed by a retired key is
 * refused even when trusted_key still names it. The rollback floor
 * (floor.h) applies as before, whatever the key. */
#ifndef IDM_KEYRING_H
#define IDM_KEYRING_H

#include <stddef.h>

#include "keystore.h"
#include "minisign.h"
#include "util.h"

/* Key files trusted_key may name: an old and a new key, with room. */
#define KEYRING_MAX_FILES 8

struct keyring {
	struct minisign_key conf[KEYRING_MAX_FILES]; /* from trusted_key */
	size_t nconf;
	struct keystore rec;                         /* STORE/keys */
};

/* Loads the key files `trusted_key` names (one, or several separated by
 * commas) and the records of the store at `store`. Returns 0, or -1 with
 * `e` filled (a file unreadable or not a key, none named, a malformed
 * record). */
int keyring_load(struct keyring *r, const char *trusted_key, const char *store,
		 struct err *e);

/* The key to verify signature `sig` (named `signame`) with: the trusted,
 * unretired key whose id it bears. NULL with `e` filled when its key is
 * retired or not trusted. The signature itself is not checked here. */
const struct minisign_key *keyring_pick(const struct keyring *r, const char *sig,
					size_t siglen, const char *signame,
					struct err *e);

/* After a manifest signed by `signer` was verified and installed: retires
 * the keys that announced `signer`, when it is a recorded next key, and
 * records `next_key` (a key line, or "") as announced by `signer`.
 * Writes STORE/keys only when something changed. Returns 0, or -1 with
 * `e` filled (the records then stay as they were on disk). */
int keyring_accept(struct keyring *r, const char *store,
		   const struct minisign_key *signer, const char *next_key,
		   struct err *e);

#endif
