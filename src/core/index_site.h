/* index_site.h - the site index (struct site) kept in the search index's
 * database, so that a start reads one row instead of parsing and
 * validating site.xml (issue #13).
 *
 * Every database index_build makes (make's for the bundled content, the
 * updater's inside a version, the cache's) holds a table
 * site(stat_id, bytes_id, model): the blob of site_codec.h and two
 * identities of site.xml. A start checks only the schema version and
 * site.xml's identity, never every file (that stays the full-text
 * part's check, at a search): its bytes for the bundled content (an
 * install changes times); its size, mtime and inode in a store version
 * (immutable once switched in, but its files are hard links the next
 * version shares, and a link changes the ctime); its size, mtime, ctime
 * and inode in the cache (-d DIR: anyone's files, edited in place).
 * For -d DIR the model goes to a cache file of its own (site-*.sqlite
 * beside the full-text index-*.sqlite): site.xml changes far less often
 * than the pages, and a start must not wait for a full-text build. */
#ifndef IDM_INDEX_SITE_H
#define IDM_INDEX_SITE_H

#include <sqlite3.h>

#include "model.h"
#include "util.h"

/* Writes site s, dir's site.xml as the caller loaded it, into db (table
 * site, made when missing), in the caller's transaction. NULL (a site.xml
 * the loader refuses) writes none: a start then parses it and says what
 * is wrong. 0, or -1 with e set. */
int index_site_put(sqlite3 *db, const char *dir, const struct site *s, struct err *e);

/* The site of content directory dir from a database that matches its
 * site.xml (the bundled content's installed one, a store version's, the
 * cache's), or NULL: the caller parses site.xml. NULL too when
 * IDMVIEW_NO_INDEX is set. */
struct site *index_site_load(const char *dir);

/* Keeps s, just loaded from dir's site.xml, in the cache for the next
 * start. Silent: a cache that cannot be written is said once by the
 * search, which needs it more. */
void index_site_remember(const struct site *s, const char *dir);

/* The kinds of identity of site.xml (see above). */
enum site_id { SITE_ID_VERSION, SITE_ID_BYTES, SITE_ID_STAT };

/* site.xml's identity of kind `kind` as 16 hex digits; -1 when it cannot
 * be read or is not a regular file. */
int index_site_id(const char *dir, enum site_id kind, char id[17]);

#endif
