/* map.h - an HTML page's main text, mapped to the content format.
 *
 * Headings, paragraphs, lists (nested lists flattened into the list),
 * block quotes (with the source the page shows), emphasis and links
 * become <h>, <p>, <list>/<li>, <quote source=>, <em> and <link>. Text
 * is kept as it is, white space folded; nothing is added. What does not
 * come across is noted in the report. */
#ifndef IDM_IMPORT_MAP_H
#define IDM_IMPORT_MAP_H

#include <libxml/tree.h>

#include "links.h"
#include "util.h"

/* The deepest element the mapping reads: libxml2's HTML parser stops at
 * 256 levels too, but the mapping must not rely on it for its stack. */
#define MAP_MAX_DEPTH 256

struct map_in {
	const char *name;       /* the input, for messages */
	xmlNodePtr main;        /* the element holding the main text */
	xmlNodePtr title_node;  /* the <h1> the title came from (not repeated), or NULL */
	const char *id;         /* the page id */
	const struct links *links;
};

/* Writes the page file for `in` to *xml (a new string) and appends what
 * was dropped to `report` (lines "  dropped ..."). Returns the number of
 * blocks written (0: no main text), or -1 with `e` filled. */
long map_page(const struct map_in *in, char **xml, struct buf *report, struct err *e);

/* Appends one report line: "  dropped <NAME>[ (why)]: first words". */
void map_report(struct buf *report, const char *name, const char *why, const char *words);

#endif
