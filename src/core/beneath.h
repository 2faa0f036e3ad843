/* beneath.h - opening a file of the content by its name relative to the
 * content directory, without ever leaving that directory.
 *
 * The rule, the same on every kernel: no component of the relative name
 * may be a symbolic link or "..", and the file must be a regular one. A
 * page, the site index or a search cannot then be made to read a file
 * outside the content (a link to /etc/shadow, to a kiosk's cache, to a
 * FIFO that blocks). The directory itself may be reached through links:
 * it is what the user or the store named. */
#ifndef IDM_BENEATH_H
#define IDM_BENEATH_H

#include <stddef.h>

#include "util.h"

/* Opens `rel` inside `dir` read-only (O_NONBLOCK, O_CLOEXEC). Returns the
 * fd, or -1 with e filled ("DIR/REL: what") and errno set (ENOENT for a
 * missing file, ELOOP for a link, EXDEV for a way out, EINVAL for what is
 * not a regular file). */
int beneath_open(const char *dir, const char *rel, struct err *e);

/* util_read_file for `rel` inside `dir`, under beneath_open's rule. */
int beneath_read(const char *dir, const char *rel, size_t max, struct buf *b, struct err *e);

#endif
