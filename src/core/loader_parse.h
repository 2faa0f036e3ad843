/* loader_parse.h - one content file read safely into a validated XML
 * tree: the loader's defences against hostile input in one place (size
 * caps before and after gzip, no network, any DOCTYPE refused before its
 * declarations are read, no external entities, a bound on the children
 * of mixed content, the RELAX NG schema), and messages that name the
 * file and line. Private to the loader; loader.c builds the model from
 * the tree. */
#ifndef IDM_LOADER_PARSE_H
#define IDM_LOADER_PARSE_H

#include <libxml/tree.h>

#include "util.h"

/* Reads, parses and validates the content file `rel` of directory `dir`
 * (gzip or not), opened under beneath_open's rule: nothing outside `dir`
 * is ever read. Returns the document (free with xmlFreeDoc), or NULL with
 * `e` filled: "DIR/REL:LINE: what is wrong". */
xmlDocPtr loader_parse_file(const char *dir, const char *rel, struct err *e);

#endif
