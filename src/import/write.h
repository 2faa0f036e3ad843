/* write.h - the import's files into the content directory: checked
 * first, as the directory would then be, with the reader's own loader;
 * written only when all of it loads, so that on any error the directory
 * is left as it was. */
#ifndef IDM_IMPORT_WRITE_H
#define IDM_IMPORT_WRITE_H

#include <stddef.h>

#include "util.h"

struct write_file {
	char *name; /* a plain file name in the directory */
	char *data;
	size_t len;
};

/* Loads DIR as it would be with `files` in it (a copy beside it, made of
 * links to DIR's files and the new ones) with loader_check_dir. Returns
 * 0 when it loads, else -1 with `e` filled, the message naming DIR's
 * files, and *bad the index of the new file at fault (or -1). */
int write_check(const char *dir, const struct write_file *files, size_t n, long *bad,
		struct err *e);

/* Writes `files` into DIR (made if missing): each to a temporary file,
 * fsync'd, then renamed into place in the order given (the site index
 * last, so a reader never meets an index naming a file not there yet),
 * and the directory fsync'd. A file whose bytes are already there is not
 * touched. Returns 0, or -1 with `e` filled; an error before the first
 * rename leaves DIR as it was. */
int write_commit(const char *dir, const struct write_file *files, size_t n,
		 struct err *e);

#endif
