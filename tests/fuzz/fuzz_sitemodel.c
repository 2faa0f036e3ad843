/* fuzz_sitemodel.c - site_decode on arbitrary bytes: the site index a
 * start reads from a database file (issue #13), which is content like
 * any other. A blob that decodes must give a site the rest of the reader
 * can walk: it encodes back to the same bytes, every parent chain ends
 * at home within the number of pages, and choosing a language and
 * making every breadcrumb terminate. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model.h"
#include "site_codec.h"
#include "util.h"

static void walk(struct site *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		size_t steps = 0;
		for (const struct page *p = s->pages[i]; p->parent; p = p->parent)
			if (++steps > s->npages)
				fuzz_fail("page %zu: its parents go round", i);
		if (s->pages[i]->kind == PAGE_MENU && s->pages[i] != s->home && !steps)
			fuzz_fail("menu %zu has no parent", i);
	}
	const char *langs[] = {"fr", "ar", NULL};
	for (size_t k = 0; k < 3; k++) {
		site_select_lang(s, langs[k], "note");
		for (size_t i = 0; i < s->npages; i++)
			free(page_breadcrumb(s->pages[i], " > "));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct site *s = site_decode(data, size, "/nowhere");
	if (!s)
		return 0;
	struct buf b = {0};
	if (site_encode(s, &b) < 0)
		fuzz_fail("a decoded site does not encode");
	if (b.len != size || memcmp(b.s, data, size) != 0)
		fuzz_fail("a decoded site encodes to other bytes (%zu, not %zu)", b.len, size);
	buf_free(&b);
	walk(s);
	site_free(s);
	return 0;
}
