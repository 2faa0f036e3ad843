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
 * install changes times), else its name, size, mtime, ctime and inode.
 * For -d DIR the model goes to a cache file of its own (site-*.sqlite
 * beside the full-text index-*.sqlite): site.xml changes far less often
 * than the pages, and a start must not wait for a full-text build. */
#ifndef IDM_INDEX_SITE_H
#define IDM_INDEX_SITE_H

#include <sqlite3.h>

#include "model.h"
#include "util.h"

/* Writes dir's site index into db (table site, made when missing), in
 * the caller's transaction. A site.xml the loader refuses writes none:
 * a start then parses it and says what is wrong. 0, or -1 with e set. */
int index_site_put(sqlite3 *db, const char *dir, struct err *e);

/* The site of content directory dir from a database that matches its
 * site.xml (the bundled content's installed one, a store version's, the
 * cache's), or NULL: the caller parses site.xml. NULL too when
 * IDMVIEW_NO_INDEX is set. */
struct site *index_site_load(const char *dir);

/* Keeps s, just loaded from dir's site.xml, in the cache for the next
 * start. Silent: a cache that cannot be written is said once by the
 * search, which needs it more. */
void index_site_remember(const struct site *s, const char *dir);

/* site.xml's identity as 16 hex digits: by stat (bytes == 0) or by its
 * name, size and bytes. -1 when it cannot be read or is not a regular
 * file. */
int index_site_id(const char *dir, int bytes, char id[17]);

#endif
