/* mouse.h - clicks, taps and the wheel. */
#ifndef IDM_MOUSE_H
#define IDM_MOUSE_H

struct ui;

/* Sets up which mouse events the terminal reports. */
void mouse_setup(void);
/* Reads the mouse event that KEY_MOUSE announced and acts on it: the
 * wheel scrolls, a tap on a kiosk's touch target acts on the page, a tap
 * elsewhere goes to the screen on top. */
void mouse_event(struct ui *u);

#endif
