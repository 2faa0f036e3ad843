/* html.h - one HTML page, as the publisher's site serves it, to one
 * page file of the content format.
 *
 * Read with libxml2's HTML parser: no network, no external entity, no
 * DTD. The charset is the byte order mark's, else <meta charset>'s; a
 * page that declares none must be UTF-8. What the content format cannot
 * hold is refused, not changed: a character reference to a control
 * character (or to no character), a control character in the text,
 * elements nested deeper than MAP_MAX_DEPTH, bytes that are not text. */
#ifndef IDM_IMPORT_HTML_H
#define IDM_IMPORT_HTML_H

#include <stddef.h>

#include "links.h"
#include "util.h"

struct html_in {
	const char *name;   /* the input as named (file or URL), for messages */
	const char *data;   /* its bytes */
	size_t len;
	const char *id;     /* the page id */
	const char *title;  /* --title, or NULL: the first <h1>, else <title> */
	const struct links *links;
};

struct html_out {
	char *title;   /* the page's title (a new string) */
	char *xml;     /* the page file (a new string) */
	char *lang;    /* <html lang>, when it is a language tag, else NULL */
	struct buf report; /* what did not come across, one line each */
};

/* Maps in to out. Returns 0, or -1 with `e` filled ("NAME[:LINE]: what
 * is wrong"); out is then empty. */
int html_import(const struct html_in *in, struct html_out *out, struct err *e);

void html_out_free(struct html_out *out);

#endif
