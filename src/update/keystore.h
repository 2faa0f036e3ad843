/* keystore.h - STORE/keys: what key rotation (keyring.h) has recorded.
 *
 *   idmview-keys 1
 *   next BASE64 BY       a key a verified, installed manifest announced
 *                        (its minisign public key line, manifest.h
 *                        next_key) and BY, the id of the key that signed
 *                        that manifest (16 hex digits, as minisign prints)
 *   retired KEYID        a key no manifest may be signed with any more
 *
 * Written durably (temporary file, fsync, rename) by the updater holding
 * the store's lock, like STORE/floor. Unlike the floor, a malformed file
 * is an error, not "no record": read as empty, it would trust a retired
 * key again. */
#ifndef IDM_KEYSTORE_H
#define IDM_KEYSTORE_H

#include "manifest.h"
#include "minisign.h"
#include "util.h"

/* Records of each kind: a publisher rotates once in years; this only
 * bounds the file. */
#define KEYSTORE_MAX 64

struct keystore_next {
	char b64[MANIFEST_KEY_B64 + 1];     /* the key line, as announced */
	struct minisign_key key;            /* the same, parsed */
	unsigned char by[MINISIGN_KEYID_LEN]; /* the key that announced it */
};

struct keystore {
	struct keystore_next next[KEYSTORE_MAX];
	size_t nnext;
	unsigned char retired[KEYSTORE_MAX][MINISIGN_KEYID_LEN];
	size_t nretired;
};

/* Reads STORE/keys of the store at `dir` into `k` (empty when there is no
 * file). Returns 0, or -1 with `e` naming the file and line. */
int keystore_read(const char *dir, struct keystore *k, struct err *e);

/* Writes `k` as STORE/keys. The caller holds the store's lock. Returns 0,
 * or -1 with `e` filled. */
int keystore_write(const char *dir, const struct keystore *k, struct err *e);

/* 1 when key id `id` is retired in `k`, else 0. */
int keystore_is_retired(const struct keystore *k, const unsigned char *id);

/* Parses a key line (manifest.h next_key) into `key`. Returns 0 or -1. */
int keystore_parse_key(const char *b64, struct minisign_key *key);

#endif
