/* fuzz_common.c - see fuzz.h. */
#include "config.h"

#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"
#include "utf8.h"
#include "util.h"

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static char tmpdir[4096];

static void remove_tmpdir(void)
{
	char cmd[4200];
	if (!tmpdir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", tmpdir);
}

const char *fuzz_tmpdir(void)
{
	if (tmpdir[0])
		return tmpdir;
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/idmfuzz.XXXXXX", base && base[0] ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		fuzz_fail("mkdtemp %s: %s", tmpdir, strerror(errno));
	atexit(remove_tmpdir);
	return tmpdir;
}

void fuzz_write(const char *dir, const char *name, const void *data, size_t n)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		fuzz_fail("open %s: %s", path, strerror(errno));
	const char *p = data;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fuzz_fail("write %s: %s", path, strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	close(fd);
}

/* The characters no line may hold: every C0 control (tab and newline
 * included: lines are already split and whitespace folded), DEL, every
 * C1 control, and the bidi embeddings, overrides and isolates. */
static int forbidden(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void fuzz_check_text(const char *s, size_t len, int width, int ascii, const char *what,
		     size_t lineno)
{
	if (strlen(s) != len)
		fuzz_fail("%s: line %zu: len %zu but a NUL at %zu", what, lineno, len, strlen(s));
	int cols = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1)
			fuzz_fail("%s: line %zu: invalid UTF-8 byte 0x%02X at %zu", what, lineno,
				  (unsigned char)s[i], i);
		if (forbidden(cp))
			fuzz_fail("%s: line %zu: control character U+%04X at byte %zu", what,
				  lineno, (unsigned)cp, i);
		if (ascii && cp > 0x7E)
			fuzz_fail("%s: line %zu: U+%04X in ASCII mode", what, lineno, (unsigned)cp);
		int w = utf8_width(cp);
		if (w < 0)
			fuzz_fail("%s: line %zu: unprintable U+%04X", what, lineno, (unsigned)cp);
		cols += w;
		i += n;
	}
	if (cols > width)
		fuzz_fail("%s: line %zu is %d columns, wider than %d", what, lineno, cols, width);
}

void fuzz_check_layout(const struct layout *l, int width, int ascii, const char *what)
{
	for (size_t i = 0; i < l->nlines; i++) {
		const struct line *ln = &l->lines[i];
		if (ln->width > width || ln->width < 0)
			fuzz_fail("%s: line %zu says it is %d columns, width %d", what, i,
				  ln->width, width);
		fuzz_check_text(ln->text, ln->len, width, ascii, what, i);
		for (size_t r = 0; r < ln->nruns; r++)
			if (ln->runs[r].off + ln->runs[r].len > ln->len)
				fuzz_fail("%s: line %zu: run %zu past the end", what, i, r);
	}
	for (size_t i = 0; i < l->nlinks; i++) {
		const struct link *lk = &l->links[i];
		if (lk->line >= l->nlines && l->nlines)
			fuzz_fail("%s: link %zu on line %zu of %zu", what, i, lk->line, l->nlines);
		/* link texts are shown on their own (the status line): they too
		 * must be safe, though not wrapped */
		fuzz_check_text(lk->text, strlen(lk->text), 1 << 30, ascii, what, lk->line);
	}
}

struct block *fuzz_new_block(struct page *p, enum block_kind kind, int group, char *extra)
{
	p->blocks = xrealloc(p->blocks, (p->nblocks + 1) * sizeof *p->blocks);
	struct block *b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->group = group;
	b->extra = extra;
	return b;
}

struct span *fuzz_new_span(struct block *b, enum span_kind kind, char *text)
{
	b->spans = xrealloc(b->spans, (b->nspans + 1) * sizeof *b->spans);
	struct span *sp = &b->spans[b->nspans++];
	memset(sp, 0, sizeof *sp);
	sp->kind = kind;
	sp->text = text;
	return sp;
}
