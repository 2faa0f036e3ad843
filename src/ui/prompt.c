/* prompt.c - the prompt on the status line: reading a line of text, and
 * drawing it with the cursor where the next character goes. */
#include "config.h"

#include "prompt.h"

#include <stdint.h>
#include <string.h>

#include "bidi.h"
#include "input.h"
#include "keys.h"
#include "kiosk.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "utf8.h"

/* Where the cursor goes after a prompt drawn in visual order from x0:
 * beside the last character typed (or the label's, when nothing is), on
 * the side the next one will appear. */
static int cursor_x(const struct buf *line, const struct bidi_line *v, int x0)
{
	size_t last = line->len;
	do
		last--;
	while (last > 0 && ((unsigned char)line->s[last] & 0xC0) == 0x80);
	int x = x0 + v->width;
	for (size_t j = 0; j < v->len; j++) {
		if (v->log[j] != (int)last)
			continue;
		int col = x0 + utf8_strwidth(v->text, j);
		x = bidi_has_rtl(line->s + last, line->len - last) ? col - 1 : col + 1;
		break;
	}
	return x < 0 ? 0 : x;
}

/* The prompt line: the label, then as much of the end of the input as
 * fits, with the cursor where the next character goes. Right-to-left
 * words (an Arabic label or query) are shown in visual order. */
static void prompt_draw(const struct ui *u, const char *label, const char *buf)
{
	int y = LINES - 1;
	attrset(A_NORMAL);
	move(y, 0);
	clrtoeol();
	int room = COLS - utf8_strwidth(label, strlen(label)) - 1;
	/* the end of the input, walked from the end no further than fits */
	size_t len = strlen(buf);
	const char *shown = buf + utf8_fit_end(buf, len, room > 0 ? room : 0, NULL);
	struct buf line = {0};
	buf_adds(&line, label);
	buf_adds(&line, shown);
	if (!(u->flags & LAYOUT_BIDI) || !bidi_has_rtl(line.s, line.len)) {
		mvaddstr(y, 0, line.s); /* the cursor ends after the input */
		buf_free(&line);
		return;
	}
	struct bidi_line v;
	int rtl = bidi_paragraph_rtl(line.s, line.len);
	bidi_reorder(line.s, line.len, rtl, 0, &v);
	/* a right-to-left prompt in a mirrored interface starts at the right,
	 * with a column to its left for the cursor */
	int x0 = rtl && ui_chrome_rtl(u) && v.width < COLS ? COLS - 1 - v.width : 0;
	mvaddnstr(y, x0, v.text, (int)v.len);
	int x = cursor_x(&line, &v, x0);
	move(y, x < COLS ? x : COLS - 1);
	bidi_line_free(&v);
	buf_free(&line);
}

/* Drops the last character of buf (len bytes). */
static void erase_last(char *buf, size_t *len)
{
	if (!*len)
		return;
	do
		(*len)--;
	while (*len && ((unsigned char)buf[*len] & 0xC0) == 0x80);
	buf[*len] = '\0';
}

/* What a key does to the input: 1 when the prompt is answered, -1 when
 * it is cancelled, 0 to go on. */
static int edit(int r, wint_t ch, char *buf, size_t *len, size_t n)
{
	if (r == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return 1;
		if (ch == KEY_BACKSPACE)
			erase_last(buf, len);
		return ch == KEY_RESIZE ? -1 : 0;
	}
	if (ch == '\n' || ch == '\r')
		return 1;
	if (ch == 27 || ch == CTRL_KEY('g') || ch == CTRL_KEY('c'))
		return -1;
	if (ch == 127 || ch == CTRL_KEY('h')) {
		erase_last(buf, len);
	} else if (ch == CTRL_KEY('u')) {
		*len = 0;
		buf[0] = '\0';
	} else if (ch >= 0x20 && !(ch >= 0x7F && ch < 0xA0)) {
		char enc[4];
		size_t l = utf8_encode((uint32_t)ch, enc);
		if (*len + l < n) {
			memcpy(buf + *len, enc, l);
			*len += l;
			buf[*len] = '\0';
		}
	}
	return 0;
}

int ui_prompt(struct ui *u, const char *label, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (;;) {
		prompt_draw(u, label, buf);
		refresh();
		wint_t ch;
		int r = input_key(u, &ch);
		if (r == ERR) {
			/* a kiosk's visitor who walked away leaves the prompt too */
			if (input_signal() || kiosk_idle_due(u))
				return -1;
			kiosk_check_due(u);
			if (input_wait(u, kiosk_wait_ms(u)) < 0)
				return -1;
			continue;
		}
		int done = edit(r, ch, buf, &len, n);
		if (done)
			return done > 0 ? 0 : -1;
	}
}
