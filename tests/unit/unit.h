/* unit.h - what the cmocka tests under tests/unit/ share: whole files
 * read and written, and scratch directories. Each helper fails the
 * running test (a cmocka assertion) instead of returning an error. */
#ifndef IDM_UNIT_H
#define IDM_UNIT_H

#include <stddef.h>

/* The file at PATH, whole and NUL-terminated; its length in *len when len
 * is not NULL. The caller frees it. */
char *unit_slurp(const char *path, size_t *len);

/* Writes N bytes of S to PATH, replacing it. */
void unit_spit(const char *path, const char *s, size_t n);

/* Writes the string TEXT to DIR/NAME, replacing it. */
void unit_put(const char *dir, const char *name, const char *text);

/* A fresh directory under $TMPDIR (else /tmp); the caller removes it
 * with unit_scratch_remove. */
char *unit_scratch(void);

/* Removes DIR and all in it, and frees the string. */
void unit_scratch_remove(char *dir);

/* cmocka fixtures: a scratch directory in *state for one test. */
int unit_scratch_setup(void **state);
int unit_scratch_teardown(void **state);

#endif
