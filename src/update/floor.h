/* floor.h - what the store has proved, kept apart from `current`.
 *
 * STORE/floor records the highest serial ever verified and installed, and
 * the creation time of its manifest:
 *
 *   idmview-floor 1
 *   serial 11
 *   created 1717243200          Unix seconds
 *
 * It is written durably (temporary file, fsync, rename) and only ever
 * raised. The floor that counts is the higher of that file and the
 * newest intact version directory (store_read.h), so that neither a
 * damaged `current`, nor lost version directories, nor a lost floor file
 * alone lets an older serial in: every update refuses a serial below
 * the floor. Its time is the earliest "now" can be: a manifest created
 * then was true once, so a clock behind it is wrong (a kiosk without
 * battery or network). */
#ifndef IDM_FLOOR_H
#define IDM_FLOOR_H

#include <time.h>

#include "util.h"

struct floor {
	unsigned long long serial; /* 0: nothing was ever verified */
	time_t created;            /* 0: unknown */
};

/* The floor of the store at `dir`: the floor file (ignored when it is
 * missing or malformed) raised by the newest intact version. Never
 * fails: a store without either has the floor 0. Reads only. */
void floor_read(const char *dir, struct floor *f);

/* Raises STORE/floor to `f` where it is higher (serial and time each).
 * The caller holds the store's lock. Returns 0, or -1 with `e` filled. */
int floor_raise(const char *dir, const struct floor *f, struct err *e);

/* The time to take as now: the clock, or the floor's time when the
 * clock is behind it. *behind is set to 1 in that case, else 0. */
time_t floor_now(const struct floor *f, int *behind);

#endif
