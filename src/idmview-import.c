/* idmview-import.c - idmview-import: the publisher's web pages (saved
 * files or http(s) addresses) to pages of a content directory.
 *
 * Each input becomes DIR/ID.xml (src/import/html.c, map.c) and a <page>
 * line of DIR/site.xml, with --menu an <item> too (site.c). Nothing is
 * written until the whole directory, as it would then be, loads with the
 * reader's own loader (write.c): on any error DIR is left as it was. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "beneath.h"
#include "fetch.h"
#include "html.h"
#include "links.h"
#include "loader.h"
#include "model.h"
#include "safeerr.h"
#include "site.h"
#include "text.h"
#include "util.h"
#include "write.h"

struct opts {
	const char *into, *menu, *id, *title, *base_url, *site_title;
	int report;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: idmview-import [OPTION]... FILE.html|URL...\n"
		"Turn web pages into pages of an idmview content directory: one\n"
		"page file per input, its <page> line in DIR/site.xml. The result\n"
		"is checked with idmview's loader before anything is written.\n"
		"\n"
		"      --into=DIR        the content directory (default: .)\n"
		"      --menu=MENU_ID    also list each page in this menu of site.xml\n"
		"      --id=ID           the page id (one input only; default: from\n"
		"                        the file name)\n"
		"      --title=TITLE     the page title (one input only; default: the\n"
		"                        first <h1>, else <title>)\n"
		"      --base-url=URL    where the saved files were published: their\n"
		"                        relative links become links to URL\n"
		"      --site-title=T    the title of a new site.xml (default: the\n"
		"                        first page's title)\n"
		"      --report          list, per page, what did not come across\n"
		"  -h, --help            show this help and exit\n"
		"  -V, --version         show the version and exit\n"
		"\n"
		"Exit status: 0 imported, 1 usage error, 2 an input or the content\n"
		"directory is wrong (nothing was written).\n");
}

static int id_ok(const char *id)
{
	if (!id || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return 0;
	for (const char *c = id; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return 0;
	return 1;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{"into", required_argument, NULL, 'd'},
		{"menu", required_argument, NULL, 'm'},
		{"id", required_argument, NULL, 'i'},
		{"title", required_argument, NULL, 't'},
		{"base-url", required_argument, NULL, 'b'},
		{"site-title", required_argument, NULL, 's'},
		{"report", no_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;
	memset(o, 0, sizeof *o);
	o->into = ".";
	while ((c = getopt_long(argc, argv, "hV", longs, NULL)) != -1) {
		switch (c) {
		case 'd': o->into = optarg; break;
		case 'm': o->menu = optarg; break;
		case 'i': o->id = optarg; break;
		case 't': o->title = optarg; break;
		case 'b': o->base_url = optarg; break;
		case 's': o->site_title = optarg; break;
		case 'r': o->report = 1; break;
		case 'h': usage(stdout); exit(EXIT_OK);
		case 'V': printf("idmview-import %s\n", VERSION); exit(EXIT_OK);
		default:
			fprintf(stderr, "Try 'idmview-import --help'.\n");
			return -1;
		}
	}
	const char *bad = NULL;
	if (optind >= argc)
		bad = "no page to import (give FILE.html or URL)";
	else if ((o->id || o->title) && argc - optind > 1)
		bad = "--id and --title name one page: give one input with them";
	else if (o->id && !id_ok(o->id))
		bad = "--id: a-z, 0-9 and '-', starting with a letter or a digit";
	else if (o->menu && !id_ok(o->menu))
		bad = "--menu: a menu id (a-z, 0-9 and '-')";
	else if (o->title && !o->title[strspn(o->title, " \t\n")])
		bad = "--title: empty";
	else if (o->site_title && !o->site_title[strspn(o->site_title, " \t\n")])
		bad = "--site-title: empty";
	else if (o->base_url && strncasecmp(o->base_url, "http://", 7) != 0 &&
		 strncasecmp(o->base_url, "https://", 8) != 0)
		bad = "--base-url: an http:// or https:// address";
	if (bad) {
		fprintf(stderr, "idmview-import: %s\n", bad);
		return -1;
	}
	return 0;
}

static void free_inputs(struct links_input *in, size_t n)
{
	for (size_t i = 0; in && i < n; i++) {
		free(in[i].addr);
		free(in[i].id);
	}
	free(in);
}

/* The inputs' addresses and ids, known before any is read, so that links
 * between them resolve whichever comes first. */
static struct links_input *make_inputs(char **args, size_t n, const struct opts *o)
{
	struct links_input *in = xcalloc(n, sizeof *in);
	for (size_t i = 0; i < n; i++) {
		in[i].is_url = fetch_is_url(args[i]);
		in[i].addr = in[i].is_url ? xstrndup(args[i], strcspn(args[i], "#"))
					  : links_file_addr(args[i]);
		in[i].id = o->id ? xstrdup(o->id) : links_id_from_name(args[i], in[i].is_url);
		if (!in[i].id) {
			fprintf(stderr, "idmview-import: %s: no page id in this name: give --id\n",
				args[i]);
			free_inputs(in, i + 1);
			return NULL;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in[i].id, in[j].id)) {
				fprintf(stderr, "idmview-import: %s and %s both give page id '%s': "
						"import them one at a time with --id\n",
					args[j], args[i], in[i].id);
				free_inputs(in, i + 1);
				return NULL;
			}
	}
	return in;
}

/* Reads and maps every input; reports each that fails. */
static int import_all(char **args, size_t n, const struct opts *o,
		      const struct links_input *in, char *const *known, size_t nknown,
		      struct html_out *out)
{
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		struct links l = {in, n, &in[i], o->base_url, known, nknown};
		struct buf bytes = {0};
		struct err e;
		int r = fetch_input(args[i], &bytes, &e);
		if (r == 0) {
			struct html_in hi = {args[i], bytes.s ? bytes.s : "", bytes.len, in[i].id,
					     o->title, &l};
			r = html_import(&hi, &out[i], &e);
		}
		buf_free(&bytes);
		if (r < 0) {
			fprintf(stderr, "idmview-import: %s\n", e.msg);
			failed = 1;
		}
	}
	return failed ? -1 : 0;
}

/* The ids of the text pages DIR has (none when it has no index yet;
 * an index that does not load is reported when the result is checked). */
static char **known_pages(const char *dir, size_t *n)
{
	struct err e;
	*n = 0;
	struct site *s = loader_load_site(dir, &e);
	if (!s)
		return NULL;
	char **ids = xcalloc(s->npages + 1, sizeof *ids);
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->kind == PAGE_TEXT)
			ids[(*n)++] = xstrdup(s->pages[i]->id);
	site_free(s);
	return ids;
}

/* The index text as it is, or a new one. *fresh: there was none. */
static char *site_text(const struct opts *o, const struct html_out *first, int *fresh,
		       struct err *e)
{
	char *path = xasprintf("%s/%s", o->into, LOADER_INDEX);
	struct buf b = {0};
	*fresh = 0;
	if (beneath_read(o->into, LOADER_INDEX, LOADER_MAX_FILE, &b, e) < 0) {
		if (errno != ENOENT) {
			free(path);
			return NULL;
		}
		*fresh = 1;
		buf_free(&b);
		free(path);
		return site_new_text(o->site_title ? o->site_title : first->title, first->lang,
				     o->menu ? o->menu : "home");
	}
	free(path);
	if (memchr(b.s, '\0', b.len)) {
		err_set(e, "%s/%s: holds NUL bytes", o->into, LOADER_INDEX);
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* The files to write: each page (its file as the index names it, else
 * ID.xml), then the index. */
static int plan(const struct opts *o, const struct links_input *in, size_t n,
		struct html_out *out, struct write_file *files, struct err *e)
{
	int fresh;
	char *text = site_text(o, &out[0], &fresh, e);
	if (!text)
		return -1;
	const char *menu = o->menu ? o->menu : fresh ? "home" : NULL;
	for (size_t i = 0; i < n; i++) {
		char *file = site_page_file(text, in[i].id);
		if (!file) {
			file = xasprintf("%s.xml", in[i].id);
			char *path = xasprintf("%s/%s", o->into, file);
			struct stat st;
			int there = lstat(path, &st) == 0;
			free(path);
			if (there) {
				err_set(e, "%s/%s exists and %s/%s names no page '%s': give another "
					   "--id, or remove the file", o->into, file, o->into,
					LOADER_INDEX, in[i].id);
				free(file);
				free(text);
				return -1;
			}
		}
		if (site_put(&text, in[i].id, file, out[i].title, menu, e) < 0) {
			char *msg = xasprintf("%s/%s", o->into, e->msg);
			err_set(e, "%s", msg);
			free(msg);
			free(file);
			free(text);
			return -1;
		}
		files[i].name = file;
		files[i].data = out[i].xml;
		files[i].len = strlen(out[i].xml);
	}
	files[n].name = xstrdup(LOADER_INDEX);
	files[n].data = text;
	files[n].len = strlen(text);
	return 0;
}

static void print_result(const struct opts *o, char **args, size_t n,
			 const struct links_input *in, const struct html_out *out,
			 const struct write_file *files)
{
	for (size_t i = 0; i < n; i++) {
		char *arg = text_words(args[i], 1000), *title = text_words(out[i].title, 1000);
		printf("%s: page %s (%s/%s): %s\n", arg, in[i].id, o->into, files[i].name, title);
		if (o->report)
			fputs(out[i].report.s[0] ? out[i].report.s : "  nothing dropped\n", stdout);
		free(arg);
		free(title);
	}
}

int main(int argc, char **argv)
{
	struct opts o;
	util_progname = "idmview-import";
	safeerr_install();
	if (parse_args(argc, argv, &o) < 0)
		return EXIT_USAGE;
	char **args = argv + optind;
	size_t n = (size_t)(argc - optind);
	struct links_input *in = make_inputs(args, n, &o);
	if (!in)
		return EXIT_USAGE;
	struct html_out *out = xcalloc(n, sizeof *out);
	struct write_file *files = xcalloc(n + 1, sizeof *files);
	int status = EXIT_CONTENT;
	struct err e;
	long bad = -1;
	char **known;
	size_t nknown;
	nknown = 0;
	known = known_pages(o.into, &nknown);
	if (import_all(args, n, &o, in, known, nknown, out) < 0)
		goto done;
	if (plan(&o, in, n, out, files, &e) < 0 ||
	    write_check(o.into, files, n + 1, &bad, &e) < 0) {
		if (bad >= 0 && (size_t)bad < n)
			fprintf(stderr, "idmview-import: %s: the page it gives does not load: %s\n",
				args[bad], e.msg);
		else
			fprintf(stderr, "idmview-import: %s\n", e.msg);
		goto done;
	}
	if (write_commit(o.into, files, n + 1, &e) < 0) {
		fprintf(stderr, "idmview-import: %s\n", e.msg);
		goto done;
	}
	print_result(&o, args, n, in, out, files);
	status = EXIT_OK;
done:
	for (size_t i = 0; i < n; i++) {
		free(files[i].name);
		html_out_free(&out[i]);
	}
	free(files[n].name);
	free(files[n].data);
	free(files);
	free(out);
	for (size_t i = 0; i < nknown; i++)
		free(known[i]);
	free(known);
	free_inputs(in, n);
	return status;
}
