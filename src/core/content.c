/* content.c - see content.h. */
#include "config.h"

#include "content.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "index_site.h"
#include "loader.h"
#include "manifest.h"
#include "store_read.h"

/* The date a version's content speaks for: the site's own updated date
 * (carried in the manifest), else the day the manifest was made. */
static int version_date(const char *version, char out[11])
{
	struct manifest m;
	struct err e;
	char *path = xasprintf("%s/manifest", version);
	int r = manifest_load(path, &m, &e);
	free(path);
	if (r < 0)
		return -1;
	if (m.updated[0]) {
		memcpy(out, m.updated, 11);
	} else {
		char t[21];
		manifest_time_format(m.created, t);
		memcpy(out, t, 10);
		out[10] = '\0';
	}
	manifest_free(&m);
	return 0;
}

/* The site index of dir: from a database that matches its site.xml when
 * there is one (issue #13: a start of a large collection is then no
 * longer a parse and validation of its whole site.xml), else parsed,
 * and kept in the cache for the next start. */
static struct site *load_site(const char *dir, struct err *e)
{
	struct site *s = index_site_load(dir);
	if (s)
		return s;
	s = loader_load_site(dir, e);
	if (s)
		index_site_remember(s, dir);
	return s;
}

char *content_dir(const char *store, const char *bundled)
{
	char *v = store ? store_current_version(store) : NULL;
	char date[11];
	if (!v)
		return xstrdup(bundled);
	char *content = xasprintf("%s/content", v);
	struct stat st;
	if (version_date(v, date) < 0 || stat(content, &st) < 0) {
		free(v);
		free(content);
		return xstrdup(bundled);
	}
	free(v);
	struct err e;
	struct site *b = load_site(bundled, &e);
	/* ISO dates compare as strings. Equal dates: the store wins, it was
	 * verified against the publisher's key and is at least as new. */
	if (b && b->updated && strlen(b->updated) == 10 &&
	    strcmp(b->updated, date) > 0) {
		site_free(b);
		free(content);
		return xstrdup(bundled);
	}
	if (b)
		site_free(b);
	return content;
}

static struct site *try_dir(const char *dir, int whole, struct buf *notes, struct err *e)
{
	struct site *s = load_site(dir, e);
	for (size_t i = 0; s && whole && i < s->npages; i++) {
		if (loader_load_page(s, s->pages[i], e) < 0) {
			site_free(s);
			s = NULL;
		}
	}
	if (!s && notes)
		buf_printf(notes, "%s: %s\n", dir, e->msg);
	return s;
}

struct site *content_open(const char *store, const char *bundled, int fallback,
			  int whole, struct buf *notes, struct err *e)
{
	char *first = content_dir(store, bundled);
	struct site *s = try_dir(first, whole, notes, e);
	if (!s && fallback && store && strcmp(first, bundled) != 0) {
		char *v = store_previous_version(store);
		if (v) {
			char *dir = xasprintf("%s/content", v);
			s = try_dir(dir, whole, notes, e);
			free(dir);
			free(v);
		}
		if (!s)
			s = try_dir(bundled, whole, notes, e);
	}
	free(first);
	return s;
}

void content_select_lang(struct site *s, const char *lang)
{
	if (s->lang && i18n_lang_match(lang, s->lang) && !s->asked)
		return;
	char *note = i18n_fallback_note(lang, s->lang);
	site_select_lang(s, lang, note);
	free(note);
}
