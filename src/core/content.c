/* content.c - see content.h. */
#include "config.h"

#include "content.h"

#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "store_read.h"

static struct site *try_dir(const char *dir, int whole, struct buf *notes, struct err *e)
{
	struct site *s = loader_load_site(dir, e);
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
	char *first = store_content_dir(store, bundled);
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
