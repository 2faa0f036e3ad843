/* mouse.c - the mouse and a touch screen: wheel, taps on the screen on
 * top, and a kiosk's touch targets on the bottom line. */
#include "config.h"

#include "mouse.h"

#include "dispatch.h"
#include "help.h"
#include "qrview.h"
#include "ui_curses.h"
#include "ui_state.h"

#ifdef BUTTON5_PRESSED
#define WHEEL_DOWN BUTTON5_PRESSED
#else
#define WHEEL_DOWN 0
#endif

void mouse_setup(void)
{
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | WHEEL_DOWN,
		  NULL);
	mouseinterval(0);
}

/* A tap on a kiosk's touch target: it acts on the page, closing help
 * first. Returns 0 when the tap missed every target. */
static int tap_target(struct ui *u, int x)
{
	for (int i = 0; i < u->ntargets; i++) {
		if (x < u->targets[i].x0 || x >= u->targets[i].x1)
			continue;
		if (help_is(screen_top(u)))
			screen_pop(u);
		/* the QR codes' targets are theirs (Back closes them);
		 * the others act on the page */
		struct screen *to = qrview_is(screen_top(u)) ? screen_top(u) : screen_base(u);
		dispatch_result(u, to->ops->action(u, to, u->targets[i].act), u->targets[i].act);
		return 1;
	}
	return 0;
}

void mouse_event(struct ui *u)
{
	MEVENT me;
	if (getmouse(&me) != OK)
		return;
	/* A tap is a press; a release counts when its press was lost (ncurses
	 * drops a press that follows an unpaired one, as a storm of input or
	 * a flaky touch screen leaves). */
	int tap = (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) ||
		  ((me.bstate & BUTTON1_RELEASED) && !u->mouse_down);
	u->mouse_down = (me.bstate & BUTTON1_PRESSED) != 0;
	int wheel = (me.bstate & BUTTON4_PRESSED) ? -1 : (me.bstate & WHEEL_DOWN) ? 1 : 0;
	/* Only an event that does something clears the message: the targets
	 * must stay where the visitor saw them until the tap lands. */
	if (tap || wheel)
		u->msg[0] = '\0';
	if (wheel) {
		struct screen *s = screen_with(u, SCREEN_OP_WHEEL);
		if (s)
			s->ops->wheel(u, s, wheel);
	} else if (tap && me.y == LINES - 1) {
		tap_target(u, me.x);
	} else if (tap) {
		struct screen *top = screen_top(u);
		if (top->ops->click)
			dispatch_result(u, top->ops->click(u, top, me.y, me.x), ACT_FOLLOW);
	}
}
