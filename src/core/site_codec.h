/* site_codec.h - the site index as loaded (struct site, before any
 * site_select_lang) in one blob, and back, so that a start can take it
 * from the search index's database instead of parsing and validating
 * site.xml (issue #13). No SQLite here: index_site.c stores the blob.
 *
 * The blob is content like any other: site_decode trusts nothing in it.
 * Every count and length is bounded by what is left of the blob, every
 * string is UTF-8 without NUL, ids are unique, file names plain, page
 * references in range, and the menus must form the tree loader_load_site
 * makes (each submenu listed once, in the order it reads them, at most
 * IDM_MAX_DEPTH deep); any doubt gives NULL and the caller parses
 * site.xml. What it returns is what loader_load_site would have. */
#ifndef IDM_SITE_CODEC_H
#define IDM_SITE_CODEC_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* Appends the blob of s to out. -1 (out unchanged in meaning) when s is
 * not shaped as loader_load_site leaves a site (a language selected,
 * pages out of the loader's order). */
int site_encode(const struct site *s, struct buf *out);

/* The site of content directory dir described by n bytes at p, or NULL
 * when they are not a blob site_encode would write. */
struct site *site_decode(const void *p, size_t n, const char *dir);

#endif
