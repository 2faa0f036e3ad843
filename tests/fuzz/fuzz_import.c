/* fuzz_import.c - idmview-import's HTML-to-content mapping on arbitrary
 * bytes, then the reader's loader and layout on what it gives.
 *
 * The input is an HTML page, fuzz.html, imported beside other.html (so
 * that relative links to it become page links) with a base URL (so that
 * other relative links become external ones). The property: the mapping
 * refuses the page with a message, or the page it writes loads with the
 * reader's own loader (only the loader's children limit may refuse it,
 * a limit the mapping leaves to the loader) and lays out at 20 and 80
 * columns with no line too wide and no control character. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "html.h"
#include "layout.h"
#include "links.h"
#include "loader.h"
#include "model.h"
#include "util.h"

static char dir[4200];
static struct links_input inputs[2];

static const char site_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<site title=\"Fuzz\">\n  <menu id=\"home\" title=\"Home\">\n"
	"    <item page=\"fuzz\"/>\n    <item page=\"other\"/>\n  </menu>\n"
	"  <page id=\"fuzz\" file=\"fuzz.xml\" title=\"Fuzz\"/>\n"
	"  <page id=\"other\" file=\"other.xml\" title=\"Other\"/>\n</site>\n";
static const char other_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<page id=\"other\"><p>x</p></page>\n";

static void setup(void)
{
	if (dir[0])
		return;
	snprintf(dir, sizeof dir, "%s/site", fuzz_tmpdir());
	char cmd[4300];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
	if (system(cmd) != 0)
		fuzz_fail("cannot make %s", dir);
	fuzz_write(dir, "site.xml", site_xml, strlen(site_xml));
	fuzz_write(dir, "other.xml", other_xml, strlen(other_xml));
	inputs[0] = (struct links_input){xstrdup("/pages/fuzz.html"), 0, xstrdup("fuzz")};
	inputs[1] = (struct links_input){xstrdup("/pages/other.html"), 0, xstrdup("other")};
}

static void load_and_lay_out(const char *xml)
{
	struct err e;
	fuzz_write(dir, "fuzz.xml", xml, strlen(xml));
	struct site *s = loader_load_site(dir, &e);
	if (!s)
		fuzz_fail("the fixture index does not load: %s", e.msg);
	struct page *p = site_find(s, "fuzz");
	if (loader_load_page(s, p, &e) < 0) {
		if (!strstr(e.msg, "children"))
			fuzz_fail("the importer wrote a page the loader refuses: %s", e.msg);
		site_free(s);
		return;
	}
	static const int widths[] = {20, 80};
	for (size_t i = 0; i < 2; i++) {
		struct layout *l = layout_page(p, widths[i], 0);
		fuzz_check_layout(l, widths[i], 0, "fuzz");
		layout_free(l);
	}
	site_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	struct links l = {inputs, 2, &inputs[0], "https://example.org/a/", NULL, 0};
	struct html_in in = {"fuzz.html", (const char *)data, size, "fuzz", NULL, &l};
	struct html_out out;
	struct err e;
	if (html_import(&in, &out, &e) < 0) {
		if (!e.msg[0])
			fuzz_fail("a refusal without a message");
		return 0;
	}
	if (!out.title[0])
		fuzz_fail("an empty title");
	load_and_lay_out(out.xml);
	html_out_free(&out);
	return 0;
}
