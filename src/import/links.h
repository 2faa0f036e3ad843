/* links.h - where a link of an imported page goes: to another page of
 * the same import (a page link), to the web (an external link), or
 * nowhere the content format can go (dropped; its text stays). */
#ifndef IDM_IMPORT_LINKS_H
#define IDM_IMPORT_LINKS_H

#include <stddef.h>

/* One input of the run: its address and the page id it becomes. */
struct links_input {
	char *addr; /* an absolute file path (normalised) or an http(s) URL */
	int is_url;
	char *id;
};

struct links {
	const struct links_input *inputs; /* every input of the run */
	size_t ninputs;
	const struct links_input *self;   /* the page whose links these are */
	const char *base_url;             /* --base-url, or NULL */
	/* The pages the content directory has already: a relative link to
	 * a file that is not an input of this run but whose name gives one
	 * of these ids is a page link too, so importing one page again
	 * keeps its links to pages imported before. */
	char *const *known;
	size_t nknown;
};

enum links_kind {
	LINKS_DROP, /* *why says why (a static string) */
	LINKS_PAGE, /* *out: the page id (a new string) */
	LINKS_URL,  /* *out: the absolute http(s) URL (a new string) */
};

/* Resolves href as it appears on l->self. */
enum links_kind links_resolve(const struct links *l, const char *href, char **out,
			      const char **why);

/* The absolute, lexically normalised form of a file path (no file is
 * read: "." and ".." are folded by name). A new string. */
char *links_file_addr(const char *path);

/* The page id a file name or URL gives: its last path segment without
 * the extension, in lower case, every run of other characters than a-z
 * and 0-9 made one '-' (a URL without a path gives its host). A new
 * string, or NULL when nothing is left. */
char *links_id_from_name(const char *name, int is_url);

#endif
