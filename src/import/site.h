/* site.h - the site index (site.xml) of the content directory, edited
 * as text: a page's <page> line added or brought up to date, an <item>
 * added to a menu; every other byte of the file stays as it was, so a
 * publisher's comments, order and layout survive, and importing the same
 * page twice changes nothing the second time. */
#ifndef IDM_IMPORT_SITE_H
#define IDM_IMPORT_SITE_H

#include <stddef.h>

#include "util.h"

/* A new site index with one menu, `menu` (titled "Home"), the site
 * titled `title`, in language `lang` (or none when NULL). It is
 * completed by site_put (a site needs a page). */
char *site_new_text(const char *title, const char *lang, const char *menu);

/* The file the index gives page `id`, or NULL when it has no such page
 * (a new string). */
char *site_page_file(const char *text, const char *id);

/* Puts page `id` (file, title) in the index `*text` (reallocated):
 * replaces the title of its <page> line, or adds a line after the last
 * one; with `menu`, adds <item page="id"/> at the end of that menu
 * unless it has one. Returns 0, or -1 with `e` filled ("no menu ..."). */
int site_put(char **text, const char *id, const char *file, const char *title,
	     const char *menu, struct err *e);

#endif
