/* manifest.h - the signed index of a published tree.
 *
 * The manifest is a text file, one record a line, "\n" line ends, no blank
 * lines, no comments, fields separated by one space, in this order:
 *
 *   idmview-manifest 1
 *   serial 20250601120000          decimal, 1..18 digits, must grow
 *   created 2025-06-01T12:00:00Z   UTC
 *   expires 2025-07-01T12:00:00Z   UTC, after created
 *   updated 2025-05-30             optional: the site index's updated date
 *   next_key BASE64                optional: the publisher's next minisign
 *                                  public key (its 56-character base64 line),
 *                                  announced for key rotation
 *   file SHA256 SIZE NAME          one per content file, at least site.xml
 *
 * SHA256 (64 lowercase hex digits) and SIZE (bytes) are those of the file
 * as stored and served, i.e. gzip-compressed; it is served as
 * by-hash/SHA256. NAME is the file name the site index uses: 1..128 of
 * [A-Za-z0-9._-], not starting with '.', no '/', unique. Anything else is
 * refused; errors read "NAME:LINE: what". */
#ifndef IDM_MANIFEST_H
#define IDM_MANIFEST_H

#include <stddef.h>
#include <time.h>

#include "idmlimits.h"
#include "sha256hex.h"
#include "util.h"

/* The largest file a manifest may list, in bytes (as stored). */
#define MANIFEST_MAX_SIZE IDM_MAX_STORED_BYTES
/* The largest manifest text accepted, in bytes. */
#define MANIFEST_MAX_TEXT IDM_MAX_MANIFEST_BYTES
#define MANIFEST_MAX_NAME IDM_MAX_NAME
#define MANIFEST_MAX_FILES IDM_MAX_FILES
/* A minisign public key line: base64 of "Ed" + 8-byte id + 32-byte key. */
#define MANIFEST_KEY_B64 56

struct manifest_file {
	char *name;
	unsigned long long size;
	char sha256[SHA256_HEX_LEN + 1];
};

struct manifest {
	unsigned long long serial;
	time_t created, expires;
	char updated[11]; /* YYYY-MM-DD, or "" */
	/* The announced next public key (minisign base64 line), or "". */
	char next_key[MANIFEST_KEY_B64 + 1];
	struct manifest_file *files;
	size_t nfiles, cap;
};

/* Parses `len` bytes of manifest text; `name` is used in messages. On
 * success returns 0 and fills `m` (free with manifest_free); on failure
 * returns -1 with `e` filled and `m` empty. */
int manifest_parse(const char *text, size_t len, const char *name,
		   struct manifest *m, struct err *e);

/* Reads and parses the manifest file at `path`. Returns 0 or -1. */
int manifest_load(const char *path, struct manifest *m, struct err *e);

/* Adds a file record (no checks: the publisher's side). */
void manifest_add(struct manifest *m, const char *name,
		  unsigned long long size, const char *sha256);

/* The manifest as text, in the format above. Caller frees. */
char *manifest_format(const struct manifest *m);

/* The record named `name`, or NULL. */
const struct manifest_file *manifest_find(const struct manifest *m,
					  const char *name);

/* 1 when `name` is acceptable as a file name in a manifest, else 0. */
int manifest_name_ok(const char *name);

/* Formats a UTC time as 2025-06-01T12:00:00Z into `out`. */
void manifest_time_format(time_t t, char out[21]);

void manifest_free(struct manifest *m);

#endif
