/* prompt.h - a line of text typed on the status line. */
#ifndef IDM_PROMPT_H
#define IDM_PROMPT_H

#include <stddef.h>

struct ui;

/* Asks for a line of text on the status line; returns 0 and fills buf
 * (n bytes, UTF-8), or -1 when the user cancels (Escape, Ctrl-G), the
 * size changes, a signal comes or a kiosk's visit ends. While it waits a
 * running update moves on, and may switch the content. */
int ui_prompt(struct ui *u, const char *label, char *buf, size_t n);

#endif
