/* fuzz.h - what every harness under tests/fuzz/ shares.
 *
 * Each harness defines LLVMFuzzerTestOneInput. Built with libFuzzer
 * (./configure --enable-fuzzing) it is a fuzzer; linked with replay.c it
 * is a plain program that runs the same body on the files it is given,
 * so the regression inputs under tests/fuzz/regress/ run in make check
 * on any compiler. A harness aborts (fuzz_fail) when a property it
 * checks does not hold, so the fuzzer reports it as a crash. */
#ifndef IDM_FUZZ_H
#define IDM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints "fuzz: what" to stderr and aborts. */
void fuzz_fail(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2), noreturn))
#endif
	;

/* A scratch directory made on first use and removed at exit. */
const char *fuzz_tmpdir(void);

/* Writes n bytes to DIR/name (replacing it); aborts on failure. */
void fuzz_write(const char *dir, const char *name, const void *data, size_t n);

/* Checks that every line of lines[0..n) is at most `width` columns and
 * holds no control character; aborts otherwise. `ascii`: only printable
 * ASCII may appear. */
struct layout;
void fuzz_check_layout(const struct layout *l, int width, int ascii, const char *what);

/* The same checks on one string of len bytes (line `lineno` of `what`,
 * for the message): no NUL before len, valid UTF-8, no control
 * character, at most `width` columns by utf8_width; aborts otherwise. */
void fuzz_check_text(const char *s, size_t len, int width, int ascii, const char *what,
		     size_t lineno);

/* Appends a zeroed block of `kind` (list group, extra: the figure's value
 * or the quote's source, owned) to p, and returns it. */
struct block *fuzz_new_block(struct page *p, enum block_kind kind, int group, char *extra);
/* Appends a zeroed span of `kind` holding text (owned) to b. */
struct span *fuzz_new_span(struct block *b, enum span_kind kind, char *text);

#endif
