/* layout.h - pages and menus to display lines, for any width from 20 up.
 *
 * The pager and --dump both draw what this module makes, so they cannot
 * disagree. Every line is safe to send to a terminal: whitespace is folded
 * and every control character in content is neutralised here: C0 controls
 * other than tab and line feed (so CR and BS), DEL, C1 controls, the bidi
 * embeddings, overrides and isolates U+202A-202E and U+2066-2069, and
 * anything without a printable width become a visible U+FFFD ('?' in ASCII
 * mode); more than LAYOUT_MAX_MARKS zero-width characters in a row are
 * dropped. See idmview-content(5). */
#ifndef IDM_LAYOUT_H
#define IDM_LAYOUT_H

#include <stddef.h>

#include "model.h"
#include "util.h"

#define LAYOUT_MIN_WIDTH 20
#define LAYOUT_MAX_WIDTH 1000
#define LAYOUT_MAX_MARKS 3

/* Flags for layout_*. */
enum {
	LAYOUT_ASCII = 1, /* output only printable ASCII (non-UTF-8 terminals) */
	LAYOUT_BIDI = 2,  /* give right-to-left lines a visual order (bidi.h) */
	LAYOUT_PLAIN = 4, /* accessible: no rules under titles, plain markers */
	LAYOUT_LANG_ENTRY = 8, /* the home menu ends with the language chooser */
};

/* Attributes of a run of a line: how the UI should show it. A link is
 * also marked in the text itself ("text[3]"), never by attribute alone. */
enum {
	LA_BOLD = 1,
	LA_UNDERLINE = 2,
	LA_LINK = 4,
	LA_EM = 8,
};

struct lrun {
	size_t off, len;  /* bytes of the line's text */
	unsigned attr;
	int link;         /* index into layout.links, or -1 */
};

struct line {
	char *text;       /* sanitised UTF-8, NUL-terminated */
	size_t len;
	int width;        /* columns; never more than the layout width */
	struct lrun *runs;
	size_t nruns;
	/* With LAYOUT_BIDI, a line with right-to-left text also has its
	 * visual order: what the terminal shows from the left, and for each
	 * byte of it the offset in `text` of the character it shows (-1 for
	 * the padding that aligns a right-to-left line to the right). Runs,
	 * links and search matches stay in `text`'s logical offsets. */
	char *vis;        /* NULL: show `text` as it is */
	size_t vis_len;
	int *vis_log;
	int block;        /* the block (or menu entry) it shows, -1 for none */
	size_t boff;      /* where in that block's text the line starts */
};

struct link {
	const char *page; /* internal target id, or NULL */
	const char *href; /* external URL, or NULL */
	int languages;    /* the language chooser entry (LAYOUT_LANG_ENTRY):
			   * no page, no href */
	int rtl;          /* on a right-to-left line (LAYOUT_BIDI): it reads
			   * leftwards from `col` */
	int number;       /* the [n] shown after the text; 0 for menu entries */
	size_t line;      /* first line it is on */
	int col;          /* the column of its first character there (with
			   * LAYOUT_BIDI, where that character is shown) */
	char *text;       /* its text, sanitised */
};

struct layout {
	struct line *lines;
	size_t nlines, cap;
	struct link *links;
	size_t nlinks, linkcap;
	int width;
	int flags;
	int last_rtl;     /* private: the last paragraph wrapped was right to left */
	/* A text page is laid out a few blocks at a time (layout_extend),
	 * so that a page of many megabytes shows its first screen at once. */
	const struct page *page;
	size_t next_block;  /* the first block not laid out yet */
	int numbers;        /* link numbers given so far */
	int done;           /* every block is laid out: nlines is final */
};

/* Lays out a loaded text page, or a menu, at `width` columns (clamped to
 * LAYOUT_MIN_WIDTH..LAYOUT_MAX_WIDTH). The layout points into the page's
 * strings for link targets: free it before the page. */
struct layout *layout_page(const struct page *p, int width, int flags);
/* Starts a layout of a loaded text page or a menu: the title only for a
 * text page (a menu is laid out whole, done at once). The lines are the
 * same as layout_page's once extended to the end. */
struct layout *layout_open(const struct page *p, int width, int flags);
/* Lays out further blocks until there are at least `nlines` lines or the
 * page ends ((size_t)-1: to the end). Returns l->done. */
int layout_extend(struct layout *l, size_t nlines);
/* Frees the text and runs of lines before `upto`, for a sink that has
 * written them out (their text is then NULL; len and width stay). */
void layout_release(struct layout *l, size_t upto);
/* Lays out one line of text (a breadcrumb, a message) as a paragraph:
 * sanitised and wrapped at `width` as a page is, no title. */
struct layout *layout_para(const char *text, int width, int flags);
void layout_free(struct layout *l);

/* Folds white space and neutralises control characters of n bytes of
 * UTF-8, appending to out. `*space` carries "the last byte was a space"
 * from call to call (start with 1 to drop leading space). */
void layout_sanitize(const char *s, size_t n, int flags, int *space, struct buf *out);

/* The link shown at column `col` of line ln (0 is the line's first
 * column, in visual order when the line has one), or -1. */
int layout_link_at(const struct line *ln, int col);

/* The line that shows (block, boff), the reading position kept across a
 * reflow: the last line of that block starting at or before boff. */
size_t layout_find(const struct layout *l, int block, size_t boff);

#endif
