/* language.h - the language screen: the languages of the interface and
 * of the content, each in its own name; choosing one changes both. */
#ifndef IDM_LANGUAGE_H
#define IDM_LANGUAGE_H

struct screen;
struct ui;

/* A new language screen with the reader's language focused; the stack
 * frees it. */
struct screen *language_new(const struct ui *u);

#endif
