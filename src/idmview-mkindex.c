/* idmview-mkindex - builds the search index of the bundled content at make
 * time (issue #13), so that a search of it needs no cache and no build:
 *   idmview-mkindex DATADIR OUTPUT
 * and, by hand (tests/bench/bench-search.sh), the updater's two ways of
 * building a version's index beside its content, in full or from the
 * previous version's (OLDDIR):
 *   idmview-mkindex --beside DIR
 *   idmview-mkindex --from OLDDIR DIR
 * Not installed; make installs its output with the content (Makefile.am). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "index.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct err e = {0};
	int r;
	if (argc == 3 && !strcmp(argv[1], "--beside"))
		r = index_build_beside(argv[2], &e);
	else if (argc == 4 && !strcmp(argv[1], "--from"))
		r = index_build_beside_from(argv[3], argv[2], &e);
	else if (argc == 3 && argv[1][0] != '-')
		r = index_build_bundled(argv[1], argv[2], &e);
	else {
		fprintf(stderr, "usage: idmview-mkindex DATADIR OUTPUT\n"
				"       idmview-mkindex --beside DIR\n"
				"       idmview-mkindex --from OLDDIR DIR\n");
		return 2;
	}
	if (r < 0) {
		fprintf(stderr, "idmview-mkindex: %s\n", e.msg);
		return 1;
	}
	return 0;
}
