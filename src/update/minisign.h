/* minisign.h - minisign public keys and signatures, verified with libsodium.
 *
 * Formats (those of the minisign tool):
 *   public key:  "untrusted comment: ..." line, then base64 of
 *                "Ed" || key id (8 bytes) || Ed25519 public key (32 bytes)
 *   signature:   "untrusted comment: ..." line, base64 of
 *                "ED" || key id (8) || Ed25519 signature (64) of the
 *                BLAKE2b-512 of the file, "trusted comment: TEXT" line,
 *                base64 of the global signature (64) of signature || TEXT.
 * Only the prehashed "ED" form is accepted; legacy "Ed" signatures (of the
 * raw file) are refused. Errors name the file: "NAME: what". */
#ifndef IDM_MINISIGN_H
#define IDM_MINISIGN_H

#include <stddef.h>

#include "util.h"

#define MINISIGN_KEYID_LEN 8
#define MINISIGN_PK_LEN 32

struct minisign_key {
	unsigned char id[MINISIGN_KEYID_LEN];
	unsigned char pk[MINISIGN_PK_LEN];
};

/* Parses the public key text (`len` bytes; `name` is used in messages).
 * Returns 0, or -1 with `e` filled. */
int minisign_key_parse(const char *text, size_t len, const char *name,
		       struct minisign_key *k, struct err *e);

/* Reads and parses the public key file at `path`. Returns 0 or -1. */
int minisign_key_load(const char *path, struct minisign_key *k, struct err *e);

/* Verifies signature text `sig` (`siglen` bytes, named `signame`) of the
 * `msglen` bytes at `msg` against key `k`: key ids, the signature of the
 * prehashed message, then the global signature over the trusted comment.
 * Returns 0 when all hold; then, when `trusted` is not NULL, *trusted is a
 * new string holding the trusted comment text (caller frees). Returns -1
 * with `e` filled otherwise. */
int minisign_verify(const struct minisign_key *k, const void *msg,
		    size_t msglen, const char *sig, size_t siglen,
		    const char *signame, char **trusted, struct err *e);

/* The key id, as minisign prints it: 16 hex digits of the little-endian
 * 64-bit number. */
void minisign_keyid_hex(const unsigned char *id, char out[17]);

/* The id of the key that made signature text `sig`, without verifying
 * anything: which of several trusted keys to verify with. Returns 0, or
 * -1 when it is not a minisign signature (minisign_verify then says why). */
int minisign_sig_keyid(const char *sig, size_t siglen,
		       unsigned char id[MINISIGN_KEYID_LEN]);

#endif
