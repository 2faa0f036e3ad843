/* redact.c - see redact.h. */
#include "config.h"

#include "redact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The end of the authority that starts at `p`: the host part of a URL
 * ends at a path, query or fragment, and a URL inside a message ends at
 * white space or a quote. */
static const char *authority_end(const char *p)
{
	return p + strcspn(p, "/?#\\ \t\r\n\"'<>`");
}

char *redact_text(const char *text)
{
	struct buf b = {0};
	const char *p = text;
	const char *sep;
	while ((sep = strstr(p, "://"))) {
		const char *auth = sep + 3;
		const char *end = authority_end(auth);
		const char *at = NULL;
		for (const char *q = auth; q < end; q++)
			if (*q == '@')
				at = q; /* the last one: a password may hold '@' */
		buf_add(&b, p, (size_t)(auth - p));
		if (at) {
			buf_adds(&b, "***");
			p = at;
		} else {
			p = auth;
		}
	}
	buf_adds(&b, p);
	return b.s ? buf_take(&b) : xstrdup("");
}

void redact_err(struct err *e)
{
	char *r = redact_text(e->msg);
	/* A short user name grows to "***": the end may be cut, never a
	 * secret kept. */
	snprintf(e->msg, sizeof e->msg, "%s", r);
	free(r);
}
