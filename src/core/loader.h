/* loader.h - reads content XML into the model, refusing what is unsafe.
 *
 * libxml2 with XML_PARSE_NONET only; any DOCTYPE is refused before its
 * declarations are read; external entities are never loaded; files are
 * bounded in size; every document is checked against the RELAX NG schema
 * compiled in from data/idmview.rng, then against the rules the schema
 * cannot say (unique ids, links to existing pages, page id = index id).
 * Errors are one line: "FILE:LINE: what is wrong". */
#ifndef IDM_LOADER_H
#define IDM_LOADER_H

#include "idmlimits.h"
#include "model.h"
#include "util.h"

/* The largest content file the loader reads, in bytes. */
#define LOADER_MAX_FILE IDM_MAX_FILE_BYTES
/* The most children (elements, text, comments) one paragraph, heading,
 * list item, quote, figure or label may have. */
#define LOADER_MAX_CHILDREN IDM_MAX_CHILDREN
/* The name of the site index inside a content directory. */
#define LOADER_INDEX "site.xml"

/* Reads DIR/site.xml. Returns the site, or NULL with `e` filled. Pages
 * are not read yet. */
struct site *loader_load_site(const char *dir, struct err *e);

/* Reads a text page's file if it is not loaded yet. Returns 0, or -1 with
 * `e` filled (the page stays unloaded). Menus need no loading. */
int loader_load_page(struct site *s, struct page *p, struct err *e);

/* Reads text page p as a stream, for a sink that writes each block out
 * as it comes (--dump): calls on_block(ctx, p) each time a block is
 * complete, the last of p->blocks; on_block may drop the others with
 * page_keep_last_block, so that memory does not grow with the page. The
 * blocks are checked as loader_load_page checks them, but a problem the
 * schema cannot see, or one further on, is found after earlier blocks
 * were handed out: a sink must hold its output until this returns 0.
 * Returns 0, or -1 with `e` filled; p is left unloaded either way. */
int loader_stream_page(struct site *s, struct page *p,
		       void (*on_block)(void *ctx, struct page *p), void *ctx, struct err *e);

/* Reads the index and every page of DIR, as the reader would. Returns 0
 * when all of it would load, else -1 with the first problem in `e`. */
int loader_check_dir(const char *dir, struct err *e);

/* 1 when `data` starts as gzip does (content files may be compressed,
 * and the store keeps them so). */
int loader_is_gzip(const char *data, size_t len);

/* Inflates the gzip data of a content file (path for messages), to no
 * more than LOADER_MAX_FILE bytes, as the loader does: *out is a new
 * buffer of *outlen bytes. 0, or -1 with e set. */
int loader_inflate(const char *path, char *data, size_t len, char **out, size_t *outlen,
		   struct err *e);

/* The schema text (data/idmview.rng), for tools that want it. */
extern const char loader_schema[];

#endif
