/* store_read.h - the reading side of the update store: which installed
 * version the reader shows. The store's layout and its writing side are
 * the updater's (update/store.h); the reader never writes to it. */
#ifndef IDM_STORE_READ_H
#define IDM_STORE_READ_H

/* 1 when `name` is a version directory's name: a serial, decimal digits
 * without a leading zero, at most 18 of them. */
int store_is_serial(const char *name);

/* The serial STORE/current points to, or 0 when it points nowhere valid. */
unsigned long long store_current_serial(const char *dir);

/* The current version's directory (a new string), or NULL when there is
 * none. */
char *store_current_version(const char *dir);

/* The newest serial older than the current one (the version kept
 * before it), or 0 when there is none. */
unsigned long long store_previous_serial(const char *dir);

/* The version kept before the current one (a new string), or NULL. A
 * kiosk falls back to it when the current one cannot be read. */
char *store_previous_version(const char *dir);

#endif
