/* safeerr.h - standard error that cannot move the terminal.
 *
 * Messages echo what the user or a file gave: a path, a configuration
 * value, a URL, a server's words. Any of them may hold escape sequences
 * (`idmview -d "$(printf '\033]0;...\007')"`) that would retitle, recolour
 * or rewrite the terminal of whoever reads the message. Rather than
 * remember to clean each %s of each message, every program of the
 * project replaces stderr at start with a stream that neutralises them,
 * as content is neutralised on screen. */
#ifndef IDM_SAFEERR_H
#define IDM_SAFEERR_H

#include <stddef.h>

/* Makes stderr a stream that writes to file descriptor 2 with every C0
 * control but newline and tab, DEL, and every C1 control (raw, or as
 * UTF-8) replaced by '?'. Keeps the old stderr when that cannot be done. */
void safeerr_install(void);

/* The filter itself: rewrites n bytes of `in` into `out` (at least
 * n + 1 bytes), carrying the state of a UTF-8 character cut between two
 * calls in *state (start at 0). Returns the bytes written. */
size_t safeerr_filter(const char *in, size_t n, char *out, int *state);

#endif
