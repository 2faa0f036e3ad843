/* loader_parse.h - one content file read safely into a validated XML
 * tree: the loader's defences against hostile input in one place (size
 * caps before and after gzip, no network, any DOCTYPE refused before its
 * declarations are read, no external entities, a bound on the children
 * of mixed content, the RELAX NG schema), and messages that name the
 * file and line. Private to the loader; loader.c builds the model from
 * the tree. */
#ifndef IDM_LOADER_PARSE_H
#define IDM_LOADER_PARSE_H

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "util.h"

/* Reads, parses and validates the content file `rel` of directory `dir`
 * (gzip or not), opened under beneath_open's rule: nothing outside `dir`
 * is ever read. Returns the document (free with xmlFreeDoc), or NULL with
 * `e` filled: "DIR/REL:LINE: what is wrong". */
xmlDocPtr loader_parse_file(const char *dir, const char *rel, struct err *e);

/* What a parse or validation reports: its first error, with the line. */
struct loader_report {
	const char *path;
	int line;
	int doctype; /* a DOCTYPE was seen (and parsing stopped there) */
	char msg[512];
};

/* libxml2's structured error handler: keeps the first error in the
 * struct loader_report `data`, on one line, with its line number. */
void loader_report_error(void *data, xmlErrorPtr error);
/* Sets libxml2 up once: no entity loader, no output of its own. */
void loader_init(void);
/* The built-in schema, compiled once and kept; NULL with e filled. */
xmlRelaxNGPtr loader_rng(struct err *e);
/* 1 for the elements of mixed content (text with em and link), whose
 * children are bounded by LOADER_MAX_CHILDREN. */
int loader_mixed(const char *name);

/* A page read as a stream (loader_stream.c): libxml2's xmlTextReader
 * over the file (inflated on the fly when gzip), validated against the
 * schema as it goes, and no tree built. The same defences as
 * loader_parse_file: the DOCTYPE is refused before the parser sees its
 * first byte, the size is capped before and after inflating, the
 * children of mixed content are counted. */
struct loader_stream;

/* Opens the content file `rel` of `dir`. NULL with `e` filled. */
struct loader_stream *loader_stream_open(const char *dir, const char *rel, struct err *e);
/* The reader, positioned by loader_stream_next. */
xmlTextReaderPtr loader_stream_reader(struct loader_stream *ls);
/* Moves to the next node. Returns 1 on a node, 0 at the end of a valid
 * document, -1 with `e` filled ("DIR/REL:LINE: what is wrong"). */
int loader_stream_next(struct loader_stream *ls, struct err *e);
/* The line of the node the reader is on. */
int loader_stream_line(struct loader_stream *ls);
/* The file's "DIR/REL", for messages. */
const char *loader_stream_path(const struct loader_stream *ls);
void loader_stream_close(struct loader_stream *ls);

#endif
