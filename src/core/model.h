/* model.h - the site in memory: pages, menus and the blocks of a page.
 *
 * Everything is a page: a menu is a page of kind PAGE_MENU whose entries
 * point at other pages; a text page holds blocks. The site index is read
 * at start; a text page's blocks are read when it is first opened
 * (loader_load_page), so start-up does not grow with the collection. */
#ifndef IDM_MODEL_H
#define IDM_MODEL_H

#include <stddef.h>

#include "arena.h"

enum span_kind {
	SPAN_TEXT,
	SPAN_EM,
	SPAN_LINK,
	SPAN_TEL,  /* a telephone number: shown as text, offered as a code */
};

/* Blocks, spans and their strings (every char * below) of a page read by
 * the loader live in the page's arena, not one allocation each: they
 * are pointers into it, never freed alone, and all go at page_unload. */

/* A run of inline text. For SPAN_LINK, exactly one of `page` (an internal
 * page id) and `href` (an http or https URL) is set. For SPAN_TEL, `href`
 * is the number's "tel:" URI (digits, a leading + kept). Text is UTF-8 as the
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

/* The same title (and page file) in another language: a `translation`
 * element of the site index. Swapped with the shown fields of its owner
 * by site_select_lang, so the owner's title, short_title and file always
 * hold what the reader sees, and `lang` says in which language (NULL for
 * the site's own). */
struct translation {
	char *lang;
	char *title;        /* or a label's text */
	char *short_title;  /* may be NULL */
	char *file;         /* text pages only */
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
	char *lang;                /* the label's language, NULL: the site's */
	struct translation *trs;   /* the label in other languages */
	size_t ntrs;
};

struct page {
	enum page_kind kind;
	char *id;
	char *title;
	char *short_title; /* for breadcrumbs; NULL means title */
	char *file;        /* PAGE_TEXT: file name in the content directory */
	struct page *parent; /* the menu that lists it first; NULL for home */
	int index_line;      /* line in the site index */

	/* Languages (see struct translation). `lang_missing`: the reader asked
	 * for a language this text page does not exist in, so it shows in
	 * the site's language, and the layout says so with site->lang_note. */
	char *lang;
	struct translation *trs;
	size_t ntrs;
	int lang_missing;
	const char *lang_note; /* the site's note, while lang_missing */

	/* PAGE_MENU */
	struct menu_entry *entries;
	size_t nentries;

	/* PAGE_TEXT, filled by loader_load_page. The blocks array and all it
	 * points to are in `arena`; a page put together by hand (a test) may
	 * leave the arena empty and malloc them instead, one by one, and
	 * page_unload frees them so. */
	int loaded;
	struct block *blocks;
	size_t nblocks;
	size_t blockcap;
	struct arena arena;
};

struct site {
	char *dir;     /* content directory */
	char *title;
	char *lang;    /* the content's default language; may be NULL */
	char *updated; /* YYYY-MM-DD or NULL */
	char *title_lang;          /* language of `title` now; NULL: lang */
	struct translation *trs;   /* the title in other languages */
	size_t ntrs;
	char *asked;               /* the language asked for, or NULL */
	char *lang_note;           /* shown on pages not in `asked` */
	struct page *home;
	struct page **pages; /* every page and menu, in index order */
	size_t npages;
	size_t cap;
	/* open-addressing table of pages by id */
	struct page **table;
	size_t tablesize;
};

/* Shows the site in language `code` (a tag such as "fr"; NULL for the
 * site's own): every title, label and page that exists in it, the others
 * in the site's language; a text page that does not exist in it gets
 * lang_missing and `note` (copied) to say so. Pages whose file changes
 * are unloaded, to be read again in the new language. Returns the number
 * of text pages that exist in `code`. */
size_t site_select_lang(struct site *s, const char *code, const char *note);

/* The languages the content exists in: the site's first, then every
 * other one some translation names, each once. Returns their number;
 * at most `max` are stored in out (pointers into the site). */
size_t site_languages(const struct site *s, const char **out, size_t max);

void translations_free(struct translation *t, size_t n);

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
/* Forgets every block of a page being streamed (their arena is reset)
 * but the last one's kind and group, kept as its only block without
 * text: the layout of the next block looks at its group. */
void page_keep_last_block(struct page *p);
void page_free(struct page *p);

/* Breadcrumb of a page: "Home › About Migration › Int'l Dialogue", using
 * `sep` between parts. Returns a new string. */
char *page_breadcrumb(const struct page *p, const char *sep);
/* The page's short title if it has one, else its title. */
const char *page_short(const struct page *p);

#endif
