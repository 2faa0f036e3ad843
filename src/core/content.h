/* content.h - which content the reader shows, with fallbacks.
 *
 * A kiosk must come up whatever happened to its disk: when the store's
 * current version cannot be read, the previous version is tried, then the
 * bundled content. Core code: it reports what failed, the caller decides
 * where that goes (a kiosk sends it to syslog, not to the visitor). */
#ifndef IDM_CONTENT_H
#define IDM_CONTENT_H

#include "model.h"
#include "util.h"

/* Which content directory the reader should use: the current version's
 * content/ (resolved through the symlink, so the reader never mixes two
 * versions), or `bundled` when the store has no version or when the
 * bundled site's updated date is later than the version's (the version's
 * own site date, else its manifest's creation date). Returns a new string;
 * never fails (an unreadable store means the bundled content). */
char *content_dir(const char *store, const char *bundled);

/* Loads the content to show: content_dir's choice, then (only when
 * `fallback`) the store's previous version, then `bundled`. With `whole`
 * every page is loaded too, so a damaged page file counts as a damaged
 * version rather than a broken page under a visitor. Each failure adds a
 * line "DIR: what" to `notes` (may be NULL). Returns the site, or NULL
 * with `e` filled from the last failure. `store` NULL: only `bundled`
 * (idmview -d DIR shows that directory and nothing else). */
struct site *content_open(const char *store, const char *bundled, int fallback,
			  int whole, struct buf *notes, struct err *e);

/* Shows site s in the reader's language `lang`: its translation when it
 * has one, else its own language with a note saying so (in the
 * interface's language). The one place that applies the reader's
 * language to content, for the text sink and the browser alike. */
void content_select_lang(struct site *s, const char *lang);

#endif
