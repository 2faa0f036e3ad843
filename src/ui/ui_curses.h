/* ui_curses.h - the one place that picks the curses header. */
#ifndef IDM_UI_CURSES_H
#define IDM_UI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
