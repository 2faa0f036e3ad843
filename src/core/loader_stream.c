/* loader_stream.c - a content page read as a stream: see loader_parse.h.
 *
 * The bytes reach libxml2 through one read callback that owns every
 * defence on the way in: the size caps (raw and inflated), gzip, and
 * the DOCTYPE, which a small scanner of the prolog refuses before the
 * parser is handed its first byte, so no declaration is ever read. */
#include "config.h"

#include "loader_parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <zlib.h>

#include "beneath.h"
#include "i18n.h"
#include "loader.h"

/* Where the prolog scanner is: before the root element only. */
enum prolog {
	PRO_TEXT,    /* between markup */
	PRO_LT,      /* after '<' */
	PRO_BANG,    /* after "<!" */
	PRO_BDASH,   /* after "<!-" */
	PRO_COMMENT, /* inside a comment */
	PRO_CDASH1,  /* "-" inside a comment */
	PRO_CDASH2,  /* "--" inside a comment */
	PRO_PI,      /* inside "<?...?>" */
	PRO_PIQ,     /* "?" inside a PI */
	PRO_DONE,    /* the root element started: nothing more to watch */
};

/* The most nodes libxml2 may build in one step of the reader. It builds
 * a whole element (and validates it, in time that grows faster than the
 * square of its children) when the schema cannot be checked node by
 * node, as for mixed content: a paragraph of LOADER_MAX_CHILDREN
 * children, some of them em with their text, is well under this. */
#define STREAM_MAX_STEP (4L * LOADER_MAX_CHILDREN + 1024)

/* Nodes built since the last step, counted by libxml2's node hook: a
 * global of libxml2's, so one count for the one stream read at a time. */
static long step_nodes;

static void count_node(xmlNodePtr n)
{
	(void)n;
	step_nodes++;
}

/* Deep enough for any document the parser accepts (it stops at 256). */
#define STREAM_MAX_DEPTH 260

struct loader_stream {
	xmlTextReaderPtr reader;
	struct loader_report r;
	char *path;
	int fd;
	int gz;      /* 1: inflating */
	int eof;     /* the input is used up */
	int failed;  /* the callback refused: `why` says why */
	char why[600];
	z_stream z;
	unsigned char in[16384];
	size_t inpos, inlen;
	size_t total; /* bytes handed to the parser */
	enum prolog pro;
	int pro_line;
	/* children of the open elements of mixed content, by depth */
	long count[STREAM_MAX_DEPTH];
	unsigned char mixed[STREAM_MAX_DEPTH];
	/* the open elements (names from the reader's dictionary), for the
	 * message of a document that ends too soon */
	const char *open_name[STREAM_MAX_DEPTH];
	int open_line[STREAM_MAX_DEPTH];
	int open;      /* how many are open */
	int root_seen;
	int crowded;
	int hooked;   /* one step built more than STREAM_MAX_STEP nodes */
	xmlRegisterNodeFunc old_hook;
};

/* Watches the bytes before the root element for "<!D" (a DOCTYPE).
 * Returns how many of `n` bytes may be handed on: all, or those before
 * the DOCTYPE. */
static size_t scan_prolog(struct loader_stream *ls, const char *b, size_t n)
{
	for (size_t i = 0; i < n && ls->pro != PRO_DONE; i++) {
		char c = b[i];
		if (c == '\n')
			ls->pro_line++;
		switch (ls->pro) {
		case PRO_TEXT: ls->pro = c == '<' ? PRO_LT : PRO_TEXT; break;
		case PRO_LT: ls->pro = c == '!' ? PRO_BANG : c == '?' ? PRO_PI : PRO_DONE; break;
		case PRO_BANG:
			if (c == 'D') {
				ls->r.doctype = 1;
				ls->r.line = ls->pro_line;
				return i > 2 ? i - 2 : 0;
			}
			ls->pro = c == '-' ? PRO_BDASH : PRO_DONE;
			break;
		case PRO_BDASH: ls->pro = c == '-' ? PRO_COMMENT : PRO_DONE; break;
		case PRO_COMMENT: ls->pro = c == '-' ? PRO_CDASH1 : PRO_COMMENT; break;
		case PRO_CDASH1: ls->pro = c == '-' ? PRO_CDASH2 : PRO_COMMENT; break;
		case PRO_CDASH2: ls->pro = c == '>' ? PRO_TEXT : c == '-' ? PRO_CDASH2 : PRO_COMMENT; break;
		case PRO_PI: ls->pro = c == '?' ? PRO_PIQ : PRO_PI; break;
		case PRO_PIQ: ls->pro = c == '>' ? PRO_TEXT : c == '?' ? PRO_PIQ : PRO_PI; break;
		case PRO_DONE: break;
		}
	}
	return n;
}

static int refill(struct loader_stream *ls)
{
	if (ls->inpos < ls->inlen || ls->eof)
		return 0;
	ssize_t got;
	do
		got = read(ls->fd, ls->in, sizeof ls->in);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		snprintf(ls->why, sizeof ls->why, "%s: %s", ls->path, strerror(errno));
		return -1;
	}
	ls->inpos = 0;
	ls->inlen = (size_t)got;
	ls->eof = got == 0;
	return 0;
}

/* Up to `len` bytes of the file as the parser must see them: inflated
 * when gzip. Returns their number, 0 at the end, -1 on an error. */
static int produce(struct loader_stream *ls, char *buf, int len)
{
	if (refill(ls) < 0)
		return -1;
	if (!ls->gz) {
		size_t n = ls->inlen - ls->inpos;
		if (n > (size_t)len)
			n = (size_t)len;
		memcpy(buf, ls->in + ls->inpos, n);
		ls->inpos += n;
		return (int)n;
	}
	for (;;) {
		ls->z.next_in = ls->in + ls->inpos;
		ls->z.avail_in = (uInt)(ls->inlen - ls->inpos);
		ls->z.next_out = (unsigned char *)buf;
		ls->z.avail_out = (uInt)len;
		int zr = inflate(&ls->z, Z_NO_FLUSH);
		ls->inpos = ls->inlen - ls->z.avail_in;
		int out = len - (int)ls->z.avail_out;
		if (zr == Z_STREAM_END) {
			ls->eof = 1;
			ls->inpos = ls->inlen;
			return out;
		}
		if ((zr != Z_OK && zr != Z_BUF_ERROR) || (ls->eof && out == 0)) {
			snprintf(ls->why, sizeof ls->why, _("%s:1: corrupt or truncated gzip data"),
				 ls->path);
			return -1;
		}
		if (out > 0)
			return out;
		if (refill(ls) < 0)
			return -1;
	}
}

/* libxml2's read callback. */
static int stream_read(void *ctx, char *buf, int len)
{
	struct loader_stream *ls = ctx;
	if (ls->failed || ls->r.doctype)
		return -1;
	if (step_nodes > STREAM_MAX_STEP) {
		ls->crowded = 1; /* stop before the element is validated */
		return -1;
	}
	int n = produce(ls, buf, len);
	if (n < 0) {
		ls->failed = 1;
		return -1;
	}
	ls->total += (size_t)n;
	if (ls->total > LOADER_MAX_FILE) {
		if (ls->gz)
			snprintf(ls->why, sizeof ls->why,
				 _("%s:1: file too large once decompressed (over %u bytes)"),
				 ls->path, LOADER_MAX_FILE);
		else
			snprintf(ls->why, sizeof ls->why, _("%s:1: file too large"), ls->path);
		ls->failed = 1;
		return -1;
	}
	if (ls->pro != PRO_DONE) {
		size_t ok = scan_prolog(ls, buf, (size_t)n);
		if (ls->r.doctype)
			return ok ? (int)ok : -1;
	}
	return n;
}

static int stream_close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

/* The file's size within the cap, and whether it is gzip. */
static int stream_start(struct loader_stream *ls, struct err *e)
{
	struct stat st;
	if (fstat(ls->fd, &st) == 0 && st.st_size > (off_t)LOADER_MAX_FILE) {
		err_set(e, _("%s:1: file too large (%lld bytes; the limit is %u)"), ls->path,
			(long long)st.st_size, LOADER_MAX_FILE);
		return -1;
	}
	while (ls->inlen < 2 && !ls->eof) {
		ssize_t got = read(ls->fd, ls->in + ls->inlen, sizeof ls->in - ls->inlen);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err_set(e, "%s: %s", ls->path, strerror(errno));
			return -1;
		}
		ls->inlen += (size_t)got;
		ls->eof = got == 0;
	}
	ls->eof = 0; /* refill finds the end again */
	if (loader_is_gzip((const char *)ls->in, ls->inlen)) {
		ls->gz = 1;
		if (inflateInit2(&ls->z, 16 + MAX_WBITS) != Z_OK) {
			err_set(e, _("%s: cannot start decompression"), ls->path);
			ls->gz = 0;
			return -1;
		}
	}
	return 0;
}

struct loader_stream *loader_stream_open(const char *dir, const char *rel, struct err *e)
{
	loader_init();
	xmlRelaxNGPtr rng = loader_rng(e);
	if (!rng)
		return NULL;
	struct loader_stream *ls = xcalloc(1, sizeof *ls);
	ls->path = xasprintf("%s/%s", dir, rel);
	ls->r.path = ls->path;
	ls->pro_line = 1;
	ls->fd = beneath_open(dir, rel, e);
	if (ls->fd < 0 || stream_start(ls, e) < 0) {
		loader_stream_close(ls);
		return NULL;
	}
	/* NONET: never fetch. BIG_LINES: true line numbers past 65535 in
	 * messages. HUGE: the reader parses in push mode, where a text node
	 * grows chunk by chunk into libxml2's 10 MB limit for one text node,
	 * which the tree parser did not meet; what HUGE lifts (lengths of
	 * text, names and values) stays within LOADER_MAX_FILE, and depth
	 * is held to 256 here (count_child). Never NOENT, DTDLOAD or
	 * XINCLUDE, and no DOCTYPE at all. */
	ls->reader = xmlReaderForIO(stream_read, stream_close_cb, ls, ls->path, NULL,
				    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE);
	if (!ls->reader)
		util_oom();
	ls->old_hook = xmlRegisterNodeDefault(count_node);
	ls->hooked = 1;
	xmlTextReaderSetStructuredErrorHandler(ls->reader, loader_report_error, &ls->r);
	if (xmlTextReaderRelaxNGSetSchema(ls->reader, rng) != 0) {
		/* a bug, not a content problem: like the schema's own, untranslated */
		err_set(e, "%s:1: cannot attach the content schema", ls->path);
		loader_stream_close(ls);
		return NULL;
	}
	return ls;
}

xmlTextReaderPtr loader_stream_reader(struct loader_stream *ls)
{
	return ls->reader;
}

const char *loader_stream_path(const struct loader_stream *ls)
{
	return ls->path;
}

int loader_stream_line(struct loader_stream *ls)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(ls->reader);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(ls->reader);
}

/* libxml2's reader parses in push mode, which says "Extra content at
 * the end of the document" for any document that ends too soon; the
 * tree parser's messages said what was wrong, and say it again here. */
static void end_message(struct loader_stream *ls)
{
	if (!ls->eof && ls->inpos >= ls->inlen && !ls->gz)
		(void)refill(ls);
	if (!ls->eof || ls->inpos < ls->inlen || strcmp(ls->r.msg, "Extra content at the end of the document") != 0)
		return;
	if (ls->open > 0 && ls->open <= STREAM_MAX_DEPTH)
		snprintf(ls->r.msg, sizeof ls->r.msg, "Premature end of data in tag %s line %d",
			 ls->open_name[ls->open - 1], ls->open_line[ls->open - 1]);
	else if (!ls->root_seen && ls->total == 0)
		snprintf(ls->r.msg, sizeof ls->r.msg, "Document is empty");
	else if (!ls->root_seen)
		snprintf(ls->r.msg, sizeof ls->r.msg, "Start tag expected, '<' not found");
}

/* A parse error in a gzip file: its size and integrity were checked
 * first by the tree loader, and still are, by inflating the rest (never
 * more than LOADER_MAX_FILE bytes). */
static void drain(struct loader_stream *ls)
{
	static char sink[65536];
	while (ls->gz && !ls->failed && !ls->eof) {
		int n = stream_read(ls, sink, (int)sizeof sink);
		if (n <= 0)
			break;
	}
}

/* A step of the reader built too much: the element it was building. */
static int crowded_error(struct loader_stream *ls, struct err *e)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(ls->reader);
	long children = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		children++;
	const char *name = n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : "page";
	long line = n ? xmlGetLineNo(n) : 1;
	if (children > LOADER_MAX_CHILDREN)
		err_set(e, _("%s:%ld: element <%s> has more than %d children (the limit)"), ls->path,
			line, name, LOADER_MAX_CHILDREN);
	else
		/* in English, as libxml2's messages about the same are */
		err_set(e, "%s:%ld: element <%s> holds more than %ld elements and texts (the limit)",
			ls->path, line, name, STREAM_MAX_STEP);
	return -1;
}

/* The first problem met, in the order the tree loader said them. */
static int stream_error(struct loader_stream *ls, struct err *e)
{
	if (ls->crowded)
		return crowded_error(ls, e);
	if (!ls->r.doctype)
		drain(ls);
	end_message(ls);
	if (ls->r.doctype)
		/* TRANSLATORS: a message starting "%s:%d: " starts with the file
		 * and the line it is about: keep that as it is. Keep the names
		 * of the content format (DOCTYPE, <element>, page=, href=, id). */
		err_set(e, _("%s:%d: DOCTYPE declarations are not allowed in content"), ls->path,
			ls->r.line);
	else if (ls->failed)
		err_set(e, "%s", ls->why);
	else
		err_set(e, "%s:%d: %s", ls->path, ls->r.line ? ls->r.line : 1,
			ls->r.msg[0] ? ls->r.msg : _("not well-formed XML"));
	return -1;
}

/* Counts the node the reader is on among its parent's children when the
 * parent is mixed content. Returns -1 with e filled past the limit. */
static int count_child(struct loader_stream *ls, struct err *e)
{
	int type = xmlTextReaderNodeType(ls->reader);
	int depth = xmlTextReaderDepth(ls->reader);
	if (depth < 0 || depth >= 256) {
		/* the tree parser's limit, which XML_PARSE_HUGE lifts; in
		 * English, as libxml2's own messages are */
		err_set(e, "%s:%d: elements nested more than 256 deep (the limit)",
			ls->path, loader_stream_line(ls));
		return -1;
	}
	if (type == XML_READER_TYPE_END_ELEMENT) {
		ls->open = depth;
		return 0;
	}
	if (depth > 0 && ls->mixed[depth - 1] && ++ls->count[depth - 1] > LOADER_MAX_CHILDREN) {
		xmlNodePtr parent = xmlTextReaderCurrentNode(ls->reader);
		parent = parent ? parent->parent : NULL;
		err_set(e, _("%s:%ld: element <%s> has more than %d children (the limit)"), ls->path,
			parent ? xmlGetLineNo(parent) : 1L,
			parent ? (const char *)parent->name : "?", LOADER_MAX_CHILDREN);
		return -1;
	}
	if (type == XML_READER_TYPE_ELEMENT) {
		const char *name = (const char *)xmlTextReaderConstLocalName(ls->reader);
		ls->mixed[depth] = name && loader_mixed(name);
		ls->count[depth] = 0;
		ls->root_seen = 1;
		if (!xmlTextReaderIsEmptyElement(ls->reader)) {
			ls->open_name[depth] = name ? name : "?";
			ls->open_line[depth] = loader_stream_line(ls);
			ls->open = depth + 1;
		}
	}
	return 0;
}

int loader_stream_next(struct loader_stream *ls, struct err *e)
{
	step_nodes = 0;
	int rc = xmlTextReaderRead(ls->reader);
	if (rc < 0 || ls->r.msg[0] || ls->r.doctype || ls->failed || ls->crowded)
		return stream_error(ls, e);
	if (rc == 0) {
		if (xmlTextReaderIsValid(ls->reader) != 1) {
			if (!ls->r.msg[0])
				snprintf(ls->r.msg, sizeof ls->r.msg, "%s",
					 _("does not match the content schema"));
			return stream_error(ls, e);
		}
		return 0;
	}
	return count_child(ls, e) < 0 ? -1 : 1;
}

void loader_stream_close(struct loader_stream *ls)
{
	if (!ls)
		return;
	if (ls->reader)
		xmlFreeTextReader(ls->reader);
	if (ls->hooked)
		xmlRegisterNodeDefault(ls->old_hook);
	if (ls->gz)
		inflateEnd(&ls->z);
	if (ls->fd >= 0)
		close(ls->fd);
	free(ls->path);
	free(ls);
}
