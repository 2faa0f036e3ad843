/* dump.h - the text sink: what --dump and --list print. */
#ifndef IDM_DUMP_H
#define IDM_DUMP_H

#include <stdio.h>

#include "layout.h"
#include "model.h"
#include "util.h"

/* Prints page p laid out at `width` (flags as for layout_page): its
 * breadcrumb, its lines without trailing spaces, then a numbered list of
 * its links. The page must be loaded. */
void dump_page(FILE *f, const struct page *p, int width, int flags);

/* dump_page for page p of site s read as a stream: each block is laid
 * out and written as it is read, then dropped, so memory does not grow
 * with the page. Nothing is written when the page is refused. Returns 0,
 * or -1 with `e` filled. */
int dump_stream(FILE *f, struct site *s, struct page *p, int width, int flags, struct err *e);

/* Prints "id<TAB>title" for every page and menu of the site, in index
 * order, with titles made safe as in the layout. */
void dump_list(FILE *f, const struct site *s, int flags);

#endif
