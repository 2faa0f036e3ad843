/* idmview-update.c - the updater's main: --update, --status and --export,
 * with idmview's options. idmview runs it for those (and the browser
 * runs it with --pipe for U and a kiosk's checks), so that the reader
 * itself holds no network, TLS or signature code. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "configfile.h"
#include "export.h"
#include "i18n.h"
#include "safeerr.h"
#include "sandbox.h"
#include "status.h"
#include "update.h"
#include "util.h"

static void usage(FILE *f)
{
	fputs(_("Usage: idmview-update --update|--status[=FORMAT]|--export=DIR [OPTION]...\n"
		"Fetches, verifies and applies updates of idmview's content, prints the\n"
		"store's state, or exports it; `idmview --update` and the browser run it.\n"
		"It takes idmview's options: see idmview --help and man idmview-update.\n"), f);
}

/* --pipe[=LANG] comes first when the browser runs us; LANG, when given,
 * is the language of the messages. Removes it from argv. */
static int take_pipe(int *argc, char ***argv, const char **lang)
{
	const char *a = *argc > 1 ? (*argv)[1] : "";
	if (strncmp(a, "--pipe", 6) != 0 || (a[6] != '\0' && a[6] != '='))
		return 0;
	*lang = a[6] == '=' && a[7] ? a + 7 : NULL;
	(*argv)[1] = (*argv)[0];
	(*argv)++;
	(*argc)--;
	return 1;
}

int main(int argc, char **argv)
{
	struct args a = {0};
	const char *lang = NULL;
	setlocale(LC_ALL, "");
	i18n_init();
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	/* run by idmview, it speaks as idmview */
	util_progname = strcmp(base, "idmview-update") == 0 ? "idmview-update" : "idmview";
	safeerr_install();
	int pipe = take_pipe(&argc, &argv, &lang);
	cli_parse(argc, argv, &a, util_progname, usage);
	if (!a.update && !a.export_dir && !a.status_format)
		die(EXIT_USAGE, _("give --update, --status or --export (to read the content, run idmview)"));
	if (pipe && !a.update)
		die(EXIT_USAGE, _("--pipe goes with --update"));
	struct config cfg;
	cli_load_config(&a, &cfg);
	if (lang)
		(void)i18n_set_language(lang);
	if (a.update && sandbox_update_config(&cfg, a.config_path) < 0)
		die(EXIT_UPDATE, _("cannot confine the updater: %s (IDMVIEW_NO_SANDBOX=1 runs it unconfined)"), strerror(errno));
	int st = pipe ? update_pipe(&cfg, stdout)
	       : a.update ? update_main(&cfg)
	       : a.export_dir ? export_main(&cfg, a.export_dir)
			      : status_main(&cfg, a.status_format);
	config_free(&cfg);
	return st;
}
