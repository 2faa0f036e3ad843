/* text.h - the small text tools the importer's modules share: HTML
 * white space, XML escaping, and words safe to print in a report. */
#ifndef IDM_IMPORT_TEXT_H
#define IDM_IMPORT_TEXT_H

#include <libxml/tree.h>

#include "util.h"

/* HTML's white space (space, tab, LF, FF, CR): the characters folded to
 * one space. Anything else, U+00A0 included, is text. */
int text_is_space(int c);

/* Appends s to b escaped for XML text (attr = 0: & < >) or for a
 * double-quoted attribute value (attr = 1: & < > "). */
void text_escape(struct buf *b, const char *s, size_t n, int attr);

/* The text of node n and its descendants (not of script, style or
 * template), white space folded and trimmed: a new string, possibly
 * empty. Elements deeper than `depth` levels below n are not read. */
char *text_folded(xmlNodePtr n, int depth);

/* The first `words` words of s, for a report line: control characters,
 * C1 controls and bidi controls shown as '?', "..." after when cut.
 * A new string. */
char *text_words(const char *s, int words);

/* s without the dashes and spaces that open it ("— Name" → "Name"):
 * a pointer into s. */
const char *text_skip_dash(const char *s);

#endif
