/* model.h - the site in memory: pages, menus and the blocks of a page.
 *
 * Everything is a page: a menu is a page of kind PAGE_MENU whose entries
 * point at other pages; a text page holds blocks. The site index is read
 * at start; a text page's blocks are read when it is first opened
 * (loader_load_page), so start-up does not grow with the collection. */
#ifndef IDM_MODEL_H
#define IDM_MODEL_H

#include <stddef.h>

enum span_kind {
	SPAN_TEXT,
	SPAN_EM,
	SPAN_LINK,
};

/* A run of inline text. For SPAN_LINK, exactly one of `page` (an internal
 * page id) and `href` (an http or https URL) is set. Text is UTF-8 as the
 * parser gave it: not yet folded or neutralised (the layout does that). */
struct span {
	enum span_kind kind;
	char *text;
	char *page;
	char *href;
};

enum block_kind {
	BLOCK_HEADING,
	BLOCK_PARA,
	BLOCK_ITEM,   /* one li of a list */
	BLOCK_QUOTE,  /* `extra` is the source, or NULL */
	BLOCK_FIGURE, /* `extra` is the value; spans are the label */
};

struct block {
	enum block_kind kind;
	struct span *spans;
	size_t nspans;
	char *extra;
	/* Blocks of one list or one figures element share a nonzero group:
	 * the layout puts no blank line between them. */
	int group;
	int line; /* source line, for messages */
};

enum page_kind {
	PAGE_TEXT,
	PAGE_MENU,
};

enum entry_kind {
	ENTRY_PAGE,  /* `page` is a text page or a submenu */
	ENTRY_LABEL, /* `label` is a non-selectable group heading; "" for a
		      * separator (a blank line) */
};

struct menu_entry {
	enum entry_kind kind;
	struct page *page;
	char *label;
};

struct page {
	enum page_kind kind;
	char *id;
	char *title;
	char *short_title; /* for breadcrumbs; NULL means title */
	char *file;        /* PAGE_TEXT: file name in the content directory */
	struct page *parent; /* the menu that lists it first; NULL for home */
	int index_line;      /* line in the site index */

	/* PAGE_MENU */
	struct menu_entry *entries;
	size_t nentries;

	/* PAGE_TEXT, filled by loader_load_page */
	int loaded;
	struct block *blocks;
	size_t nblocks;
};

struct site {
	char *dir;     /* content directory */
	char *title;
	char *lang;    /* may be NULL */
	char *updated; /* YYYY-MM-DD or NULL */
	struct page *home;
	struct page **pages; /* every page and menu, in index order */
	size_t npages;
	size_t cap;
	/* open-addressing table of pages by id */
	struct page **table;
	size_t tablesize;
};

/* Creates an empty site for content directory `dir`. */
struct site *site_new(const char *dir);
/* Adds a page (the site takes ownership). Returns 0, or -1 when the id is
 * already taken (the page is then not added and not freed). */
int site_add(struct site *s, struct page *p);
/* Finds a page or menu by id; NULL when there is none. */
struct page *site_find(const struct site *s, const char *id);
void site_free(struct site *s);

struct page *page_new(enum page_kind kind, const char *id, const char *title);
/* Frees the blocks of a text page and marks it not loaded. */
void page_unload(struct page *p);
void page_free(struct page *p);

/* Breadcrumb of a page: "Home › About Migration › Int'l Dialogue", using
 * `sep` between parts. Returns a new string. */
char *page_breadcrumb(const struct page *p, const char *sep);
/* The page's short title if it has one, else its title. */
const char *page_short(const struct page *p);

#endif
