/* install.h - what an update does with the store: reads what is installed,
 * decides which files must be fetched, keeps a downloaded file only once
 * its size and SHA-256 are right, and assembles, checks and switches in a
 * new version.
 *
 * update.c drives the network and judges manifests; everything here
 * touches only the disk, through store.h. Private to the updater. */
#ifndef IDM_INSTALL_H
#define IDM_INSTALL_H

#include "floor.h"
#include "manifest.h"
#include "store.h"
#include "util.h"

/* What the current version of the store holds, for the next update. */
struct installed {
	unsigned long long serial;  /* 0: nothing installed */
	struct floor floor;         /* what the store proves (floor.h): no
				       update may go below its serial */
	struct buf manifest;        /* its manifest, byte for byte */
	char *url, *etag, *lm;      /* the manifest's HTTP validators, or NULL */
};

/* Fills `in` from the store's current version (zeroed when there is
 * none) and its floor. Returns 0, or -1 with `e` filled (an unreadable or malformed
 * installed manifest). Free with installed_free either way. */
int installed_read(const struct store *s, struct installed *in, struct err *e);
void installed_free(struct installed *in);

/* Writes the manifest's HTTP validators (`cache_text`, the .http-cache
 * format) into the current version, so that the next check is a 304.
 * Best effort. */
void install_remember_validators(const struct store *s, const char *cache_text);

/* The files of `m` the current version lacks, each content once: sets
 * *files (caller frees the array, not the files: they are m's) and
 * returns how many; *total is their size in bytes. Tidies partial/ of
 * downloads `m` does not name. */
size_t install_missing(struct store *s, const struct manifest *m,
		       const struct manifest_file ***files, unsigned long long *total);

/* Gets partial/SHA.part ready for fetching f. Returns 1 when f is already
 * whole in partial/ (an earlier, interrupted run fetched it: checked
 * again); 0 with *fd open for writing and *have the bytes already there
 * (a transfer resumes after them); -1 with `e` filled. */
int install_partial_open(struct store *s, const struct manifest_file *f, int *fd,
			 unsigned long long *have, struct err *e);

/* Checks the whole download in `fd` (partial/SHA.part) against f's size
 * and SHA-256 and, when right, makes it partial/SHA (fsync'd). Closes fd.
 * Returns 0; 1 when its content is wrong (then removed, `e` says how);
 * -1 when the disk failed (`e` filled). */
int install_accept(struct store *s, int fd, const struct manifest_file *f,
		   struct err *e);

/* Assembles version `m` from the current version and partial/, reads it
 * whole with the reader's own loader and switches it in. Returns 0, or
 * -1 with `e` filled and the store as it was. */
int install_version(struct store *s, const struct manifest *m,
		    const char *manifest_text, size_t manifest_len,
		    const char *sig_text, size_t sig_len, const char *cache_text,
		    struct err *e);

#endif
