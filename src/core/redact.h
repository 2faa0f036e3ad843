/* redact.h - credentials in mirror URLs are never shown nor stored.
 *
 * A mirror may be given as http://USER:PASSWORD@HOST/...; libcurl needs
 * that, nothing else does. Every text that names a mirror on its way to
 * a person or a file (messages, syslog, the store's status record, the
 * validators cache inside a version directory, --status in any format)
 * passes through redact_text first: one function, so that no place can
 * forget a form of it. */
#ifndef IDM_REDACT_H
#define IDM_REDACT_H

#include "util.h"

/* `text` (a URL, or a message naming any number of URLs) with the user
 * information of each URL (what stands between "SCHEME://" and an "@"
 * before the host's end) replaced by "***". A new string. */
char *redact_text(const char *text);

/* The same, in place, on an error's message. */
void redact_err(struct err *e);

#endif
