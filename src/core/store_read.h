/* store_read.h - the reading side of the update store: which installed
 * version the reader shows. The store's layout and its writing side are
 * the updater's (update/store.h); the reader never writes to it. */
#ifndef IDM_STORE_READ_H
#define IDM_STORE_READ_H

#include "manifest.h"

/* 1 when `name` is a version directory's name: a serial, decimal digits
 * without a leading zero, at most 18 of them. */
int store_is_serial(const char *name);

/* 1 when STORE/SERIAL is an intact version: a directory (not a link)
 * with a content/ directory and a manifest that parses and carries that
 * very serial. Versions come into the store only whole and verified
 * (update/store.h), so an intact one is a verified one. When `m` is not
 * NULL it receives the manifest (free with manifest_free). */
int store_version_intact(const char *dir, unsigned long long serial,
			 struct manifest *m);

/* The newest intact version's serial below `below` (0: any), or 0. */
unsigned long long store_newest_serial(const char *dir, unsigned long long below);

/* The installed serial: the one STORE/current names when that version is
 * intact; when `current` is damaged (missing, dangling, a loop, a
 * regular file, a path outside the store) or names a damaged version,
 * the newest intact version. 0 when there is none. */
unsigned long long store_current_serial(const char *dir);

/* The installed version's directory (store_current_serial; a new
 * string), or NULL when there is none. */
char *store_current_version(const char *dir);

/* 1 when STORE/current does not name the installed version: it is
 * damaged, or names a damaged version. */
int store_current_damaged(const char *dir);

/* The newest intact serial older than the installed one (the version
 * kept before it), or 0 when there is none. */
unsigned long long store_previous_serial(const char *dir);

/* The version kept before the installed one (a new string), or NULL. A
 * kiosk falls back to it when the installed one cannot be read. */
char *store_previous_version(const char *dir);

#endif
