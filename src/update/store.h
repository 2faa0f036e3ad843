/* store.h - the update store, its writing side (the updater's): verified
 * versions side by side, one current. What the reader needs of it is in
 * core/store_read.h.
 *
 * Layout of a store directory STORE:
 *   STORE/lock                 flock'ed by the one running updater
 *   STORE/current -> SERIAL    relative symlink, switched by rename(2)
 *   STORE/SERIAL/              one version, itself a published tree:
 *       manifest, manifest.minisig, by-hash/SHA256 (gzip, as served),
 *       content/NAME           hard links to by-hash files, under the
 *                              names the site index uses (the reader's
 *                              content directory; the loader reads gzip)
 *       .http-cache            ETag / Last-Modified of the manifest
 *   STORE/floor                the highest serial verified (floor.h)
 *   STORE/partial/             downloads in progress (SHA256.part),
 *                              finished but unused ones (SHA256) and the
 *                              version being assembled (stage-SERIAL).
 * Only the current version and the one before it are kept. Everything
 * outside partial/ changes only through store_commit. */
#ifndef IDM_STORE_H
#define IDM_STORE_H

#include "manifest.h"
#include "store_read.h"
#include "util.h"

struct store;

/* Creates STORE (and partial/) if needed, takes the lock without waiting
 * and tidies what a crash left (a half-made stage, versions older than
 * the previous one); a damaged `current`, or one older than an intact
 * version (never switched in), is pointed at the newest intact version;
 * the floor (floor.h) is brought up to what the versions prove. Returns the
 * store, or NULL with `e` filled (another updater holds the lock, the
 * directory cannot be written...). */
struct store *store_open(const char *dir, struct err *e);

/* Releases the lock and frees. */
void store_close(struct store *s);

/* The store directory. */
const char *store_dir(const struct store *s);

/* Path of a file under partial/ (a new string). */
char *store_partial_path(const struct store *s, const char *name);

/* Removes from partial/ every download not named by `m` and every stage.
 * Best effort. */
void store_partial_prune(struct store *s, const struct manifest *m);

/* Reads `name` (manifest, .http-cache ...) from the current version into
 * `b`. Returns 1 when read, 0 when absent, -1 on error. */
int store_read_current(const struct store *s, const char *name,
		       struct buf *b, struct err *e);

/* Writes `len` bytes to PATH durably (temporary file, fsync, rename,
 * fsync of the directory). Returns 0 or -1. */
int store_write_file(const char *path, const void *data, size_t len,
		     struct err *e);

/* Assembles version `m` in partial/stage-SERIAL: manifest text and
 * signature as given, each file hard-linked from the current version when
 * it has it, else from partial/SHA256 (which must exist, verified),
 * content/ links, .http-cache. Everything fsync'd. On success *stage is
 * the new stage directory (caller frees). */
int store_stage(struct store *s, const struct manifest *m,
		const char *manifest_text, size_t manifest_len,
		const char *sig_text, size_t sig_len, const char *http_cache,
		char **stage, struct err *e);

/* Moves the stage into place as STORE/SERIAL and switches `current` to
 * it with one rename(2), then removes all versions but it and the one it
 * replaces, and the used downloads. On failure the store is as before
 * (the stage is removed). */
int store_commit(struct store *s, const char *stage, unsigned long long serial,
		 struct err *e);

/* Removes a directory tree. Best effort; returns 0 or -1. */
int store_rmtree(const char *path);

/* fsync()s a directory. Returns 0 or -1 with errno set. */
int store_fsync_dir(const char *path);

#endif
