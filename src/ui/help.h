/* help.h - the help screen: every action with its keys, from the same
 * table that dispatches them. */
#ifndef IDM_HELP_H
#define IDM_HELP_H

struct screen;

/* A new help screen, at its top; the stack frees it. */
struct screen *help_new(void);
/* 1 when s is a help screen: printing and a kiosk's touch targets close
 * it, and a kiosk waits for it to close before it switches content. */
int help_is(const struct screen *s);

#endif
