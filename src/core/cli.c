/* cli.c - see cli.h. */
#include "config.h"

#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "util.h"

enum {
	OPT_DUMP = 256,
	OPT_LIST,
	OPT_UPDATE_URL,
	OPT_TRUSTED_KEY,
	OPT_OFFLINE,
	OPT_BIDI,
	OPT_LANG,
	OPT_ACCESSIBLE,
	OPT_THEME,
	OPT_SEARCH,
	OPT_EXPORT,
	OPT_STATUS,
	OPT_QR,
};

static const struct option long_options[] = {
	{"data-dir", required_argument, NULL, 'd'},
	{"dump", no_argument, NULL, OPT_DUMP},
	{"qr", no_argument, NULL, OPT_QR},
	{"width", required_argument, NULL, 'w'},
	{"list", no_argument, NULL, OPT_LIST},
	{"search", required_argument, NULL, OPT_SEARCH},
	{"store", required_argument, NULL, 's'},
	{"config", required_argument, NULL, 'c'},
	{"update", no_argument, NULL, 'u'},
	{"update-url", required_argument, NULL, OPT_UPDATE_URL},
	{"trusted-key", required_argument, NULL, OPT_TRUSTED_KEY},
	{"offline", no_argument, NULL, OPT_OFFLINE},
	{"export", required_argument, NULL, OPT_EXPORT},
	{"status", optional_argument, NULL, OPT_STATUS},
	{"bidi", required_argument, NULL, OPT_BIDI},
	{"lang", required_argument, NULL, OPT_LANG},
	{"accessible", no_argument, NULL, OPT_ACCESSIBLE},
	{"theme", required_argument, NULL, OPT_THEME},
	{"kiosk", no_argument, NULL, 'k'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

int cli_parse_width(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < LAYOUT_MIN_WIDTH || v > LAYOUT_MAX_WIDTH)
		return -1;
	*out = (int)v;
	return 0;
}

/* at file scope: a usage error's exit leaves nothing unreachable */
static struct cli_setting *cli_settings;
static const char *cli_prog;
static void (*cli_usage)(FILE *);

/* --status=FORMAT, checked here as the options are read (src/update/
 * status_main.c prints them). */
static int status_format_valid(const char *f)
{
	return !strcmp(f, "text") || !strcmp(f, "json") || !strcmp(f, "prometheus");
}

static void set(struct args *a, const char *key, const char *value)
{
	a->cli[a->ncli++] = (struct cli_setting){key, value};
}

/* One option; exits for --help, --version and a bad option. */
static void take_option(struct args *a, int c)
{
	switch (c) {
	case 'd': a->data_opt = optarg; break;
	case OPT_DUMP: a->dump = 1; break;
	case OPT_QR: a->qr = 1; break;
	case OPT_LIST: a->list = 1; break;
	case OPT_SEARCH: a->query = optarg; break;
	case 'c': a->config_path = optarg; break;
	case 'u': a->update = 1; break;
	case OPT_EXPORT: a->export_dir = optarg; break;
	case 's': set(a, "store", optarg); break;
	case OPT_UPDATE_URL: set(a, "update_url", optarg); break;
	case OPT_TRUSTED_KEY: set(a, "trusted_key", optarg); break;
	case OPT_OFFLINE: set(a, "offline", "yes"); break;
	case OPT_BIDI: set(a, "bidi", optarg); break;
	case OPT_LANG: set(a, "lang", optarg); break;
	case OPT_ACCESSIBLE: set(a, "accessible", "yes"); break;
	case OPT_THEME: set(a, "theme", optarg); break;
	case 'k': set(a, "kiosk", "yes"); break;
	case 'w':
		if (cli_parse_width(optarg, &a->width) < 0)
			die(EXIT_USAGE, _("--width takes a number of columns from %d to %d, not '%s'"),
			    LAYOUT_MIN_WIDTH, LAYOUT_MAX_WIDTH, optarg);
		break;
	case OPT_STATUS:
		a->status_format = optarg ? optarg : "text";
		if (!status_format_valid(a->status_format))
			die(EXIT_USAGE, _("--status takes text, json or prometheus, not '%s'"),
			    a->status_format);
		break;
	case 'h':
		cli_usage(stdout);
		exit(EXIT_OK);
	case 'V':
		printf("%s %s\n", cli_prog, PACKAGE_VERSION);
		exit(EXIT_OK);
	default:
		/* the helper is run by idmview with idmview's arguments */
		fputs(_("Try 'idmview --help' for more information.\n"), stderr);
		exit(EXIT_USAGE);
	}
}

/* The options, and the modes that do not go together. */
void cli_parse(int argc, char **argv, struct args *a, const char *prog,
	       void (*usage)(FILE *))
{
	int c;
	cli_prog = prog;
	cli_usage = usage;
	cli_settings = a->cli = xcalloc((size_t)argc + 1, sizeof *a->cli);
	while ((c = getopt_long(argc, argv, "d:w:s:c:ukhV", long_options, NULL)) != -1)
		take_option(a, c);
	if (argc - optind > 1)
		die(EXIT_USAGE, _("one PAGE at most (got '%s' and '%s')"), argv[optind], argv[optind + 1]);
	a->start_id = optind < argc ? argv[optind] : NULL;
	a->argv = argv;
	a->nopts = optind;
	if (a->dump + a->list + (a->query != NULL) > 1)
		die(EXIT_USAGE, _("--dump, --list and --search do not go together"));
	if (a->qr && !a->dump)
		die(EXIT_USAGE, _("--qr goes with --dump"));
	if (a->query && a->start_id)
		die(EXIT_USAGE, _("--search does not take a PAGE"));
	if (a->update && (a->dump || a->list || a->query || a->start_id))
		die(EXIT_USAGE, _("--update does not go with --dump, --list, --search or a PAGE"));
	if ((a->export_dir || a->status_format) &&
	    (a->update || a->dump || a->list || a->query || a->start_id ||
	     (a->export_dir && a->status_format)))
		die(EXIT_USAGE, _("--export and --status go with no other mode, nor a PAGE"));
}

/* The configuration files, then the command line's settings over them. */
void cli_load_config(struct args *a, struct config *cfg)
{
	struct err e = {0};
	config_init(cfg);
	if (config_load(cfg, a->config_path, &e) < 0)
		die(EXIT_USAGE, "%s", e.msg);
	config_begin_source(cfg);
	for (size_t i = 0; i < a->ncli; i++) {
		char where[64];
		snprintf(where, sizeof where, "--%s", a->cli[i].key);
		for (char *p = where; *p; p++)
			if (*p == '_')
				*p = '-';
		if (config_set(cfg, a->cli[i].key, a->cli[i].value, where, &e) < 0)
			die(EXIT_USAGE, "%s", e.msg);
	}
	free(cli_settings);
	a->cli = cli_settings = NULL;
	a->ncli = 0;
}
