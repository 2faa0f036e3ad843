/* cli.h - the command line that idmview and idmview-update share: one
 * option table, one parser, so `idmview --update ...` and the helper it
 * runs with the same arguments agree on every option and every usage
 * error. */
#ifndef IDM_CLI_H
#define IDM_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "configfile.h"

/* A setting from the command line; applied over the configuration files. */
struct cli_setting {
	const char *key, *value;
};

/* What the command line asked for. */
struct args {
	const char *data_opt, *query, *config_path, *export_dir, *status_format;
	const char *start_id;
	int dump, list, width, update, qr;
	struct cli_setting *cli; /* argc entries at most */
	size_t ncli;
	char **argv; /* argv[1] .. argv[nopts - 1]: the options, without PAGE */
	int nopts;
};

/* Parses argv into `a` (getopt_long; argv is permuted so that the
 * options come first). `prog` names the program in --version and in
 * "Try 'PROG --help'"; `usage` prints --help. Exits for --help,
 * --version and a usage error. */
void cli_parse(int argc, char **argv, struct args *a, const char *prog,
	       void (*usage)(FILE *));

/* The configuration files, then the command line's settings over them;
 * frees a->cli. Exits on an error. */
void cli_load_config(struct args *a, struct config *cfg);

/* A --width value or $COLUMNS: 0, or -1 when out of range. */
int cli_parse_width(const char *s, int *out);

#endif
