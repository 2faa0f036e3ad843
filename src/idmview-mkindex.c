/* idmview-mkindex - builds the search index of the bundled content at make
 * time (issue #13), so that a search of it needs no cache and no build:
 *   idmview-mkindex DATADIR OUTPUT
 * Not installed; make installs its output with the content (Makefile.am). */
#include "config.h"

#include <stdio.h>

#include "index.h"
#include "util.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: idmview-mkindex DATADIR OUTPUT\n");
		return 2;
	}
	struct err e = {0};
	if (index_build_bundled(argv[1], argv[2], &e) < 0) {
		fprintf(stderr, "idmview-mkindex: %s\n", e.msg);
		return 1;
	}
	return 0;
}
