/* fuzz_content.c - the content loader on arbitrary bytes, as a site
 * index or as a page, then the layout of whatever loaded.
 *
 * An input holding "<site" is the site index: it is written as site.xml
 * beside the fixture pages and every page it lists is loaded. Any other
 * input is a page: it replaces, in a copy of the bundled content, the
 * file of the page whose id it names (else the first text page), and that
 * page is loaded. Each loaded page is laid out at 20 and 80 columns (and
 * in ASCII) and checked: no line too wide, no control character. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "layout.h"
#include "loader.h"
#include "model.h"
#include "util.h"

static char sitedir[4200], pagedir[4200];
static struct site *bundled; /* the pristine index of pagedir */
static char secret[64];


static void setup(void)
{
	if (sitedir[0])
		return;
	const char *t = fuzz_tmpdir();
	snprintf(sitedir, sizeof sitedir, "%s/site", t);
	snprintf(pagedir, sizeof pagedir, "%s/pages", t);
	char cmd[4 * 4200 + 200];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' '%s' && cp '%s'/*.xml '%s'/ && cp '%s'/fixtures/site/*.xml '%s'/",
		 sitedir, pagedir, IDM_SRC_DATADIR, pagedir, TEST_SRCDIR, sitedir);
	if (system(cmd) != 0)
		fuzz_fail("cannot set up %s", t);
	/* a secret beside the content, random so that no input can hold it:
	 * if it shows in a page, the loader read a file it must not read */
	snprintf(secret, sizeof secret, "SECRET%08lx%08lx", (unsigned long)getpid() * 2654435761ul & 0xffffffff,
		 (unsigned long)time(NULL) & 0xffffffff);
	fuzz_write(sitedir, "secret.txt", secret, strlen(secret));
	fuzz_write(pagedir, "secret.txt", secret, strlen(secret));
	struct err e;
	bundled = loader_load_site(pagedir, &e);
	if (!bundled)
		fuzz_fail("the bundled content does not load: %s", e.msg);
}

/* FNV-1a of n bytes. The secret is looked for by hash, never with
 * strstr or memcmp: libFuzzer watches their arguments and would learn the
 * secret and type it into a page itself. */
static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void check_secret(const struct layout *l)
{
	size_t n = strlen(secret);
	uint64_t want = hash(secret, n);
	for (size_t i = 0; i < l->nlines; i++)
		for (size_t j = 0; j + n <= l->lines[i].len; j++)
			if (hash(l->lines[i].text + j, n) == want)
				fuzz_fail("a file outside the document was read: %s", l->lines[i].text);
}

static void lay_out(const struct page *p)
{
	static const int widths[] = {20, 80};
	for (size_t i = 0; i < 2; i++)
		for (int ascii = 0; ascii < 2; ascii++) {
			struct layout *l = layout_page(p, widths[i], ascii ? LAYOUT_ASCII : 0);
			fuzz_check_layout(l, widths[i], ascii, p->id);
			check_secret(l);
			layout_free(l);
		}
}

static void fuzz_site(const uint8_t *data, size_t size)
{
	struct err e;
	fuzz_write(sitedir, LOADER_INDEX, data, size);
	struct site *s = loader_load_site(sitedir, &e);
	if (!s)
		return;
	for (size_t i = 0; i < s->npages && i < 64; i++) {
		struct page *p = s->pages[i];
		if (p->kind == PAGE_TEXT && loader_load_page(s, p, &e) < 0)
			continue;
		lay_out(p);
	}
	site_free(s);
}

/* The id the input names in its first id="..." (or NULL). */
static char *named_id(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	for (const char *p = s; p + 4 <= end; p++) {
		if (memcmp(p, "id=\"", 4) != 0)
			continue;
		const char *q = p + 4, *r = q;
		while (r < end && *r != '"' && r - q < 200)
			r++;
		if (r < end && *r == '"')
			return xstrndup(q, (size_t)(r - q));
		return NULL;
	}
	return NULL;
}

static void fuzz_page(const uint8_t *data, size_t size)
{
	struct err e;
	char *id = named_id(data, size);
	struct page *p = id ? site_find(bundled, id) : NULL;
	free(id);
	if (!p || p->kind != PAGE_TEXT)
		for (size_t i = 0; i < bundled->npages; i++)
			if (bundled->pages[i]->kind == PAGE_TEXT) {
				p = bundled->pages[i];
				break;
			}
	fuzz_write(pagedir, p->file, data, size);
	page_unload(p);
	if (loader_load_page(bundled, p, &e) == 0)
		lay_out(p);
	page_unload(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	if (memmem(data, size, "<site", 5))
		fuzz_site(data, size);
	else
		fuzz_page(data, size);
	return 0;
}
