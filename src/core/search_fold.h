/* search_fold.h - the folding pieces search.c shares with search_fold.c
 * (private to the search module; search_fold itself is in search.h). */
#ifndef IDM_SEARCH_FOLD_H
#define IDM_SEARCH_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* 1 when cp is white space for search (a run of it folds to one space). */
int search_is_space(uint32_t cp);

/* The folded form of one code point into out (room for 4 bytes); returns
 * its length: 0 for a combining mark, which folding drops. White space is
 * the caller's (it collapses runs). */
size_t search_fold_cp(uint32_t cp, char *out);

/* Folds n bytes of raw page XML as search_fold folds text: the text into
 * out, attribute values into attrs, tags dropped, entities decoded. Both
 * must have room for n more bytes: no character folds to more bytes than
 * it takes in UTF-8 or as an entity. */
void search_fold_xml(const char *s, size_t n, struct buf *out, struct buf *attrs);

/* Reads the page file `rel` of content directory `dir` (beneath_read: no
 * link is followed) into raw and folds it into text as search_fold_xml
 * does (text, a newline, then attribute values), inflated first when it
 * is gzip (as the store keeps it). Returns -1 when the file cannot be
 * read this way (missing, a link, another encoding, gzip that does not
 * inflate): the caller must then treat it as possibly matching (loading
 * it says what is wrong with it). */
int search_fold_file(const char *dir, const char *rel, struct buf *raw, struct buf *text);

#endif
