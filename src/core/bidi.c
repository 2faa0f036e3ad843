/* bidi.c - see bidi.h. */
#include "config.h"

#include "bidi.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "utf8.h"
#include "util.h"

/* n bytes of UTF-8 to code points, with the byte offset of each. */
static size_t decode(const char *s, size_t n, FriBidiChar **cps, int **offs)
{
	FriBidiChar *c = xmalloc((n + 1) * sizeof *c);
	int *o = xmalloc((n + 1) * sizeof *o);
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		c[k] = cp;
		o[k++] = (int)i;
		i += l;
	}
	*cps = c;
	*offs = o;
	return k;
}

int bidi_paragraph_rtl(const char *s, size_t n)
{
	FriBidiChar *c;
	int *o;
	size_t k = decode(s, n, &c, &o);
	FriBidiCharType *t = xmalloc((k + 1) * sizeof *t);
	fribidi_get_bidi_types(c, (FriBidiStrIndex)k, t);
	FriBidiParType d = fribidi_get_par_direction(t, (FriBidiStrIndex)k);
	free(t);
	free(c);
	free(o);
	return d == FRIBIDI_PAR_RTL;
}

int bidi_has_rtl(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp < 0x0590)
			continue;
		FriBidiCharType t = fribidi_get_bidi_type(cp);
		if (FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN)
			return 1;
	}
	return 0;
}

static int is_mark(FriBidiChar c)
{
	return c == 0x200E || c == 0x200F || c == 0x061C || c == FRIBIDI_CHAR_FILL;
}

void bidi_reorder(const char *s, size_t n, int rtl, int width, struct bidi_line *out)
{
	FriBidiChar *c;
	int *o;
	size_t k = decode(s, n, &c, &o);
	FriBidiChar *vis = xmalloc((k + 1) * sizeof *vis);
	FriBidiStrIndex *v2l = xmalloc((k + 1) * sizeof *v2l);
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	if (!k || !fribidi_log2vis(c, (FriBidiStrIndex)k, &base, vis, NULL, v2l, NULL)) {
		/* nothing to reorder, or FriBidi failed (out of memory):
		 * show the logical order rather than nothing */
		for (size_t i = 0; i < k; i++) {
			vis[i] = c[i];
			v2l[i] = (FriBidiStrIndex)i;
		}
	}

	struct buf b = {0};
	int *log = NULL;
	size_t cap = 0;
	int w = 0;
	for (size_t i = 0; i < k; i++) {
		if (is_mark(vis[i]))
			continue;
		int cw = utf8_width(vis[i]);
		w += cw > 0 ? cw : 0;
	}
	int pad = rtl && width > w ? width - w : 0;
	for (int i = 0; i < pad; i++) {
		log = xgrow(log, &cap, b.len + 1, sizeof *log);
		log[b.len] = -1;
		buf_addc(&b, ' ');
	}
	for (size_t i = 0; i < k; i++) {
		if (is_mark(vis[i]))
			continue;
		char enc[4];
		size_t l = utf8_encode(vis[i], enc);
		log = xgrow(log, &cap, b.len + l, sizeof *log);
		for (size_t j = 0; j < l; j++)
			log[b.len + j] = o[v2l[i]];
		buf_add(&b, enc, l);
	}
	out->len = b.len;
	out->text = buf_take(&b);
	out->log = log ? log : xcalloc(1, sizeof *log);
	out->width = w + pad;
	free(vis);
	free(v2l);
	free(c);
	free(o);
}

void bidi_line_free(struct bidi_line *b)
{
	free(b->text);
	free(b->log);
	b->text = NULL;
	b->log = NULL;
}

int bidi_terminal_reorders(void)
{
	const char *v = getenv("IDMVIEW_BIDI");
	if (v && !strcmp(v, "off"))
		return 1;
	if (v && !strcmp(v, "on"))
		return 0;
	const char *term = getenv("TERM");
	if ((term && !strncmp(term, "mlterm", 6)) || getenv("MLTERM"))
		return 1;
	return 0;
}
