/* export.h - `idmview --export=DIR`: the store's current version written
 * out as a published tree (manifest, manifest.minisig, by-hash/), so that
 * it can be carried on a USB stick to a kiosk without a link. The
 * receiving kiosk checks the publisher's signature and every hash, as
 * for any mirror: nothing here is trusted by it. */
#ifndef IDM_EXPORT_H
#define IDM_EXPORT_H

#include "configfile.h"

/* Writes the current version of cfg->store into `dir` (created when
 * missing; its parent must exist, so that an unmounted stick's mount
 * point is never filled instead). Each file is copied, fsync'd and its
 * SHA-256 checked against the manifest before anything in `dir` is
 * replaced; then the by-hash files are moved in, the manifest and its
 * signature after them, and by-hash files of an earlier export that the
 * new manifest does not name are removed. A copy cut short leaves the
 * earlier tree or a mix that a receiver refuses (the signature or a
 * hash does not match). Prints a summary on stdout, or the error on
 * stderr, and returns the exit status: EXIT_OK, or EXIT_CONTENT when
 * there is nothing to export (no current version), a file of the store
 * is not what its manifest says, or `dir` cannot be written. */
int export_main(const struct config *cfg, const char *dir);

#endif
