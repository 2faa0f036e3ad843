/* idmview.c - the reader's main: options, then wiring: the text sink or the browser. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "bidi.h"
#include "cli.h"
#include "configfile.h"
#include "content.h"
#include "datadir.h"
#include "dump.h"
#include "helper.h"
#include "i18n.h"
#include "index.h"
#include "layout.h"
#include "loader.h"
#include "model.h"
#include "qr.h"
#include "safeerr.h"
#include "search.h"
#include "ui.h"
#include "util.h"
#ifdef IDM_TEST_HOOKS
#include "reader-probe.h"
#endif

/* --help, one message per option, so that a new option is one new
 * message for the translators. */
static void usage(FILE *f)
{
	static const char *const options[] = {
		N_("  -d, --data-dir=DIR  read the content in DIR instead of the bundled content\n"),
		N_("      --dump          print PAGE (or the home menu) as plain text and exit\n"),
		N_("      --qr            with --dump: then a QR code for each web address and\n"
		   "                      telephone number of the page, to scan with a phone\n"),
		NULL, /* --width: a number in it */
		N_("      --list          print \"id<TAB>title\" for every page and exit\n"),
		N_("      --search=QUERY  print \"id<TAB>title<TAB>snippet\" for every page that\n"
		   "                      has all the words of QUERY (\"a phrase\" in quotes),\n"
		   "                      best first; case and accents do not matter\n"),
		N_("  -s, --store=DIR     update store (verified updates; the newest is read)\n"),
		N_("  -c, --config=FILE   read FILE instead of the configuration files\n"),
		N_("  -u, --update        fetch, verify and apply an update, print a summary, exit\n"),
		N_("      --update-url=URL  a mirror; repeat for several, tried in order\n"),
		N_("      --trusted-key=FILE  minisign public key updates must be signed with\n"),
		N_("      --offline       never use the network\n"),
		N_("      --export=DIR    write the store's current version into DIR as a\n"
		   "                      published tree (for a USB stick), exit\n"),
		N_("      --status[=FORMAT]  print the store's state: its version, the manifest's\n"
		   "                      expiry, the last update attempt and the last success;\n"
		   "                      FORMAT: text (default), json or prometheus\n"),
		N_("  -k, --kiosk         kiosk mode: no way out, resets when idle, updates\n"
		   "                      itself (see the idmview(1) manual)\n"),
		N_("      --lang=CODE     read in language CODE (en, fr, es, ar): the interface,\n"
		   "                      and the pages that exist in it\n"),
		N_("      --bidi=WHEN     reorder right-to-left text for the terminal: auto, on, off\n"
		   "                      (auto: on in the browser unless the terminal does it;\n"
		   "                      off for --dump, which keeps the reading order)\n"),
		N_("      --accessible    plain screens for screen readers and braille displays\n"),
		N_("      --theme=NAME    default, high-contrast or monochrome\n"),
		N_("  -h, --help          show this help and exit\n"),
		N_("  -V, --version       show the version and exit\n"),
	};
	/* TRANSLATORS: --help. Keep the options as they are and the
	 * descriptions starting in column 23; lines of 80 columns at most. */
	fputs(_("Usage: idmview [OPTION]... [PAGE]\n"
		"Read IOM's migration-dialogue information in a terminal, offline.\n"
		"Opens PAGE (an id from --list), or the home menu.\n"), f);
	fputs("\n", f);
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (options[i])
			fputs(_(options[i]), f);
		else
			fprintf(f, _("  -w, --width=N       wrap --dump output at N columns (default: $COLUMNS,\n"
				     "                      else 80; at least %d)\n"),
				LAYOUT_MIN_WIDTH);
	}
	fputs(_("\nIn the browser, press ? or F1 for the keys.\n"
		"Exit status: 0 success, 1 usage error, 2 content error, 3 update failed\n"
		"(the installed content is then unchanged).\n"
		"Manual: man idmview; content format: man 5 idmview-content\n"), f);
}

/* --search: one line per matching page, best first. A page that will
 * not load is skipped with a warning: the others are still searched. */
/* The index build's progress on stderr, a terminal (index_set_progress):
 * one line redrawn in place, redrawn when the file count shows a change
 * a person can see (a thousandth), cleared at the end. */
static void stderr_progress(void *arg, size_t done, size_t total)
{
	static size_t last = (size_t)-1;
	int width = *(int *)arg;
	size_t step = total / 1000 ? total / 1000 : 1;
	if (done < total && last != (size_t)-1 && done / step == last / step)
		return;
	last = done;
	char line[512], out[600];
	if (done >= total) {
		line[0] = '\0';
		last = (size_t)-1;
	} else {
		index_progress_line(line, sizeof line, done, total, width - 1);
	}
	/* past the stream safeerr_install made of stderr, which turns the
	 * carriage return and the erase to '?': the line is our own words */
	int n = snprintf(out, sizeof out, "\r%s\033[K", line);
	fflush(stderr);
	if (n > 0 && write(STDERR_FILENO, out, (size_t)n) < 0)
		return; /* a bar that cannot be shown: the search goes on */
}

static void print_search(struct site *site, const char *query, int width, int flags)
{
	struct search_query q;
	struct search_results r;
	search_parse(query, &q);
	/* a bar only for a person watching, never in a pipe or a file */
	if (isatty(STDERR_FILENO))
		index_set_progress(stderr_progress, &width);
	search_site(site, &q, NULL, width, flags, &r);
	index_set_progress(NULL, NULL);
	for (size_t i = 0; i < r.n; i++) {
		struct buf title = {0};
		int space = 1;
		layout_sanitize(r.v[i].page->title, strlen(r.v[i].page->title), flags, &space, &title);
		printf("%s\t%s\t%s\n", r.v[i].page->id, title.s ? title.s : "", r.v[i].snippet);
		buf_free(&title);
	}
	if (r.failed)
		fprintf(stderr, ngettext("idmview: %zu page could not be searched; the first: %s\n",
					 "idmview: %zu pages could not be searched; the first: %s\n",
					 r.failed),
			r.failed, r.first_error.msg);
	if (r.no_index)
		fprintf(stderr, _("idmview: no search index (%s): every page file was read; "
				  "give it a writable cache directory (XDG_CACHE_HOME) to search faster\n"),
			r.index_error.msg);
	search_results_free(&r);
	search_query_free(&q);
}

/* The layout flags for this terminal and mode. */
static int display_flags(const struct args *a, const struct config *cfg)
{
	int flags = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? 0 : LAYOUT_ASCII;
	/* Right to left: --dump keeps the reading order unless told (a
	 * screen reader or a script reads it); the browser reorders unless
	 * the terminal does. */
	if (!(flags & LAYOUT_ASCII) &&
	    (cfg->bidi == BIDI_ON ||
	     (cfg->bidi == BIDI_AUTO && !a->dump && !a->list && !bidi_terminal_reorders())))
		flags |= LAYOUT_BIDI;
	return flags;
}

/* The content to show: the newest verified update, unless the bundled
 * one is newer; a kiosk falls back to older content rather than not
 * coming up. *bundled is the bundled directory (caller frees). */
static struct site *open_content(const struct args *a, const struct config *cfg,
				 char **bundled)
{
	char *dir = datadir_bundled(a->data_opt);
	/* Say which directory is wrong, not just that DIR/site.xml is missing. */
	struct stat st;
	if (stat(dir, &st) < 0)
		die(EXIT_CONTENT, _("content directory '%s': %s"), dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		die(EXIT_CONTENT, _("content directory '%s' is not a directory"), dir);
	int kiosk = cfg->kiosk && !a->dump && !a->list;
	struct buf notes = {0};
	struct err e = {0};
	struct site *site = content_open(a->data_opt ? NULL : cfg->store, dir, kiosk, kiosk,
					 &notes, &e);
	if (kiosk && notes.len) {
		openlog("idmview", LOG_PID, LOG_USER);
		ui_log_content_notes(&notes);
	}
	buf_free(&notes);
	if (!site)
		die(EXIT_CONTENT, "%s", e.msg);
	*bundled = dir;
	return site;
}

/* --search, --list, --dump or the browser, on `site` from `start`. */
static int show(const struct args *a, const struct config *cfg, struct site **site,
		struct page *start, const char *bundled, const char *lang)
{
	int flags = display_flags(a, cfg);
	struct err e = {0};
	if (a->query) {
		print_search(*site, a->query, a->width, flags);
	} else if (a->list) {
		dump_list(stdout, *site, flags);
	} else if (a->dump && !a->qr) {
		/* streamed: memory does not grow with the page */
		if (dump_stream(stdout, *site, start, a->width, flags, &e) < 0)
			die(EXIT_CONTENT, "%s", e.msg);
	} else if (a->dump) {
		if (loader_load_page(*site, start, &e) < 0)
			die(EXIT_CONTENT, "%s", e.msg);
		dump_page(stdout, start, a->width, flags);
		if (a->qr)
			qr_dump(stdout, start, a->width, flags);
	} else {
		struct ui_opts o = {.flags = flags, .cfg = cfg, .bundled_dir = bundled,
				    .fixed_dir = a->data_opt != NULL, .lang = lang,
				    .args = a->argv + 1, .nargs = a->nopts - 1};
#ifdef IDM_TEST_HOOKS
		/* src/idmview-hooked, built for make check only */
		o.confined = reader_probe_hook();
#endif
		return ui_run(site, start, &o);
	}
	return EXIT_OK;
}

/* --update, --status, --export: idmview-update with the same arguments
 * (its output and exit status are the command's). Does not return. */
static void run_helper(char **argv, int update)
{
	struct err e = {0};
	char *path = helper_find(&e);
	if (path) {
		fflush(NULL);
		execv(path, argv);
		err_sys(&e, errno, _("cannot run %s"), path);
		free(path);
	}
	die(update ? EXIT_UPDATE : EXIT_USAGE, "%s", e.msg);
}

int main(int argc, char **argv)
{
	struct args a = {0};
	setlocale(LC_ALL, "");
	i18n_init();
	util_progname = "idmview";
	safeerr_install();
	cli_parse(argc, argv, &a, "idmview", usage);
	/* The updater is its own program: the reader maps no network,
	 * TLS or signature library. It takes the same arguments. */
	if (a.update || a.export_dir || a.status_format)
		run_helper(argv, a.update);

	struct config cfg;
	cli_load_config(&a, &cfg);
	/* A language the interface has no catalogue for still chooses the
	 * content; the interface then stays as the environment says. */
	if (cfg.lang)
		(void)i18n_set_language(cfg.lang);
	if (!a.width) {
		const char *cols = getenv("COLUMNS");
		if (!cols || cli_parse_width(cols, &a.width) < 0)
			a.width = 80;
	}
	if (!a.dump && !a.list && !a.query && !isatty(STDOUT_FILENO))
		die(EXIT_USAGE, _("standard output is not a terminal; use --dump to print a page as plain text"));
	if (!a.dump && !a.list && !a.query && !isatty(STDIN_FILENO))
		die(EXIT_USAGE, _("standard input is not a terminal; use --dump to print a page as plain text"));

	char *bundled;
	struct site *site = open_content(&a, &cfg, &bundled);
	/* The reader's language: --lang or lang=, else the interface's. */
	const char *lang = cfg.lang ? cfg.lang : i18n_language();
	content_select_lang(site, lang);
	struct page *start = site->home;
	if (a.start_id && !(start = site_find(site, a.start_id)))
		die(EXIT_USAGE, _("no page '%s'; 'idmview --list' lists the pages"), a.start_id);

	int status = show(&a, &cfg, &site, start, bundled, lang);
	config_free(&cfg);
	free(bundled);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		site_free(site);
		die(EXIT_USAGE, _("write error on standard output"));
	}
	site_free(site);
	return status;
}
