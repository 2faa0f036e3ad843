/* idmlimits.h - every limit the reader applies to content and to updates,
 * defined once. The loader, the manifest parser and the updater refuse
 * what goes past them; idmview-publish refuses to publish it, so that a
 * publication every reader would refuse is never signed, and the two
 * cannot drift apart. man/idmview-content.5 lists them (LIMITS), and
 * `idmview-publish --limits` prints this table, which tests/cli/limits.sh
 * compares with the manual and tests from both sides. (Not "limits.h":
 * that name would hide the system's <limits.h> under -Isrc/core.) */
#ifndef IDM_IDMLIMITS_H
#define IDM_IDMLIMITS_H

/* Files in a publication: site.xml and every page file. */
#define IDM_MAX_FILES 10000
/* Bytes of a content file as the loader reads it (uncompressed). */
#define IDM_MAX_FILE_BYTES (64u * 1024 * 1024)
/* Bytes of a file as published and fetched (gzip-compressed). */
#define IDM_MAX_STORED_BYTES (64ull * 1024 * 1024)
/* Bytes of a content file's name (A-Z a-z 0-9 . _ -). */
#define IDM_MAX_NAME 128
/* Bytes of the manifest's text. */
#define IDM_MAX_MANIFEST_BYTES (1024u * 1024)
/* Children (elements, text, comments) of one paragraph, heading, list
 * item, quote, figure or label. */
#define IDM_MAX_CHILDREN 10000
/* Nesting of elements in one XML file (libxml2's own limit without
 * XML_PARSE_HUGE, which the loader never sets). */
#define IDM_MAX_DEPTH 256
/* Bytes of a title or short title (site, menu, page, translation). The
 * reader draws any title at a cost bounded by the screen, cut; the
 * publisher refuses longer ones, which no reader could show whole. */
#define IDM_MAX_TITLE 1024

/* The table, for --limits and the manual: X(macro, name, unit, what). */
#define IDM_LIMITS(X)                                                                  \
	X(IDM_MAX_FILES, "files", "files", "files published, site.xml included")          \
	X(IDM_MAX_FILE_BYTES, "file-size", "bytes", "a content file, uncompressed")       \
	X(IDM_MAX_STORED_BYTES, "stored-size", "bytes", "a file as published (gzip)")     \
	X(IDM_MAX_NAME, "name", "bytes", "a content file's name")                         \
	X(IDM_MAX_MANIFEST_BYTES, "manifest-size", "bytes", "the manifest's text")        \
	X(IDM_MAX_CHILDREN, "children", "nodes", "children of a paragraph or label")      \
	X(IDM_MAX_DEPTH, "depth", "levels", "nesting of elements in a file")              \
	X(IDM_MAX_TITLE, "title", "bytes", "a title or short title")

#endif
