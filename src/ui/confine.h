/* confine.h - a kiosk's reader confines itself once started: it forks
 * its launcher (launcher.h), then takes on the reader's Landlock and
 * seccomp profile (sandbox_reader). See doc/kiosk.md. */
#ifndef IDM_CONFINE_H
#define IDM_CONFINE_H

#include "ui.h"

/* Confines the kiosk that O describes; a confinement that fails is said
 * to syslog and the kiosk runs on (it must come up). Then calls
 * O->confined, when set (tests only). */
void confine_kiosk(const struct ui_opts *o);

/* Ends the launcher confine_kiosk started: call when the reader ends. */
void confine_end(void);

#endif
