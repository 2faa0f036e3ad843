/* qr.c - see qr.h. */
#include "config.h"

#include "qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"

/* The address a span gets a code for, or NULL. */
static const char *span_address(const struct span *sp)
{
	if (sp->kind == SPAN_TEL)
		return sp->href; /* "tel:+..." made by the loader */
	if (sp->kind == SPAN_LINK && sp->href &&
	    (strncmp(sp->href, "http://", 7) == 0 || strncmp(sp->href, "https://", 8) == 0))
		return sp->href;
	return NULL;
}

/* What the code holds: the address with every byte that is not printable
 * ASCII percent-encoded, as RFC 3987 maps an IRI to a URI. A phone opens
 * the same page, and no control or bidi character can ride in a code. */
static char *uri_of(const char *addr)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	for (const unsigned char *s = (const unsigned char *)addr; *s; s++) {
		if (*s > 0x20 && *s < 0x7f) {
			buf_addc(&b, (char)*s);
		} else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*s >> 4]);
			buf_addc(&b, hex[*s & 15]);
		}
	}
	return b.s ? buf_take(&b) : xstrdup("");
}

/* A set of addresses seen, so that a page linking one address twenty
 * times gets one code: open addressing, grown at half full. */
struct seen {
	const char **slot;
	size_t cap, n;
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Adds s (not copied); returns 1 when it was already there. */
static int seen_add(struct seen *t, const char *s)
{
	if (2 * (t->n + 1) > t->cap) {
		struct seen g = {xcalloc(t->cap ? 2 * t->cap : 64, sizeof *g.slot),
				 t->cap ? 2 * t->cap : 64, 0};
		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i])
				seen_add(&g, t->slot[i]);
		free(t->slot);
		*t = g;
	}
	size_t i = hash(s) & (t->cap - 1);
	for (; t->slot[i]; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->slot[i], s) == 0)
			return 1;
	t->slot[i] = s;
	t->n++;
	return 0;
}

static char *safe_text(const char *s, int flags)
{
	struct buf b = {0};
	int space = 1;
	layout_sanitize(s, strlen(s), flags, &space, &b);
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return b.s ? buf_take(&b) : xstrdup("");
}

void qr_targets_of(const struct page *p, int flags, struct qr_targets *out)
{
	size_t cap = 0;
	int number = 0;
	struct seen seen = {0};
	out->v = NULL;
	out->n = 0;
	if (p->kind != PAGE_TEXT || !p->loaded)
		return;
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct block *b = &p->blocks[i];
		for (size_t k = 0; k < b->nspans; k++) {
			const struct span *sp = &b->spans[k];
			/* numbered as the layout numbers links: every link */
			int n = sp->kind == SPAN_LINK ? ++number : 0;
			const char *addr = span_address(sp);
			if (!addr)
				continue;
			char *uri = uri_of(addr);
			if (seen_add(&seen, uri)) {
				free(uri);
				continue;
			}
			out->v = xgrow(out->v, &cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] = (struct qr_target){n, safe_text(sp->text, flags), uri};
		}
	}
	free(seen.slot);
}

int qr_has(const struct page *p)
{
	if (p->kind != PAGE_TEXT || !p->loaded)
		return 0;
	for (size_t i = 0; i < p->nblocks; i++)
		for (size_t k = 0; k < p->blocks[i].nspans; k++)
			if (span_address(&p->blocks[i].spans[k]))
				return 1;
	return 0;
}

void qr_targets_free(struct qr_targets *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].text);
		free(t->v[i].uri);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

int qr_encode(const char *uri, enum qr_level level, struct qr_code *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	errno = 0;
	/* 8-bit hint with case kept: libqrencode still packs runs of digits
	 * and capitals in their denser modes, which keeps the code small */
	QRcode *q = QRcode_encodeString(uri, 0, level == QR_LEVEL_L ? QR_ECLEVEL_L : QR_ECLEVEL_M,
					QR_MODE_8, 1);
	if (!q) {
		if (errno == ENOMEM)
			util_oom();
		err_set(e, _("the address is too long for a QR code (%zu characters)"), strlen(uri));
		return -1;
	}
	out->size = q->width;
	out->version = q->version;
	out->level = level == QR_LEVEL_L ? 'L' : 'M';
	out->dark = xmalloc((size_t)q->width * (size_t)q->width);
	for (size_t i = 0; i < (size_t)q->width * (size_t)q->width; i++)
		out->dark[i] = q->data[i] & 1; /* bit 0: dark; the others say which part */
	QRcode_free(q);
	return 0;
}

void qr_code_free(struct qr_code *c)
{
	free(c->dark);
	c->dark = NULL;
}

int qr_dark(const struct qr_code *c, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= c->size || y >= c->size)
		return 0;
	return c->dark[(size_t)y * (size_t)c->size + (size_t)x];
}

int qr_half_cols(const struct qr_code *c, int scale)
{
	return (c->size + 2 * QR_QUIET) * scale;
}

int qr_half_rows(const struct qr_code *c, int scale)
{
	return ((c->size + 2 * QR_QUIET) * scale + 1) / 2;
}

void qr_half_row(const struct qr_code *c, int scale, int row, struct buf *b)
{
	static const char *const glyph[4] = {
		" ",            /* both light */
		"\xe2\x96\x84", /* U+2584 lower half: the lower one dark */
		"\xe2\x96\x80", /* U+2580 upper half: the upper one dark */
		"\xe2\x96\x88", /* U+2588 full block: both dark */
	};
	int side = qr_half_cols(c, scale); /* in columns and in half-rows */
	for (int x = 0; x < side; x++) {
		int mx = x / scale;
		int top = qr_dark(c, mx, (2 * row) / scale);
		int bottom = 2 * row + 1 < side ? qr_dark(c, mx, (2 * row + 1) / scale) : 0;
		buf_adds(b, glyph[top * 2 + bottom]);
	}
}

/* A line of our own or the page's words, wrapped and made safe. */
static void put_para(FILE *f, const char *s, int width, int flags)
{
	struct layout *l = layout_para(s, width, flags);
	for (size_t i = 0; i < l->nlines; i++) {
		const struct line *ln = &l->lines[i];
		const char *t = ln->vis ? ln->vis : ln->text;
		size_t n = ln->vis ? ln->vis_len : ln->len;
		while (n && t[n - 1] == ' ')
			n--;
		fwrite(t, 1, n, f);
		fputc('\n', f);
	}
	layout_free(l);
}

/* Written out at scale 1, trailing light modules dropped (paper is
 * light); the quiet rows above and below are the empty lines. */
static void put_code(FILE *f, const struct qr_code *c)
{
	for (int row = 0; row < qr_half_rows(c, 1); row++) {
		struct buf b = {0};
		qr_half_row(c, 1, row, &b);
		while (b.len && b.s[b.len - 1] == ' ')
			b.len--;
		if (b.len)
			fwrite(b.s, 1, b.len, f);
		fputc('\n', f);
		buf_free(&b);
	}
}

void qr_dump(FILE *f, const struct page *p, int width, int flags)
{
	struct qr_targets t;
	qr_targets_of(p, flags, &t);
	if (!t.n)
		return;
	fputc('\n', f);
	if (flags & LAYOUT_ASCII)
		put_para(f, _("QR codes: not drawn, their block characters need UTF-8. The addresses:"),
			 width, flags);
	else
		put_para(f, _("QR codes (scan one with a phone's camera):"), width, flags);
	for (size_t i = 0; i < t.n; i++) {
		struct buf head = {0};
		fputc('\n', f);
		if (t.v[i].number)
			buf_printf(&head, "[%d] %s", t.v[i].number, t.v[i].text);
		else
			buf_printf(&head, "%s %s", _("Telephone:"), t.v[i].text);
		put_para(f, head.s, width, flags);
		buf_free(&head);
		put_para(f, t.v[i].uri, width, flags);
		if (flags & LAYOUT_ASCII)
			continue;
		struct qr_code c;
		struct err e = {0};
		if (qr_encode(t.v[i].uri, QR_LEVEL_M, &c, &e) < 0) {
			put_para(f, e.msg, width, flags);
			continue;
		}
		put_code(f, &c);
		qr_code_free(&c);
	}
	qr_targets_free(&t);
}
