/* qrview.h - the QR code screen: for the page on screen, a code for each
 * web address and telephone number, one at a time, as large as fits,
 * with its words and address in full, for a visitor to take away on a
 * phone. The codes themselves come from the core (qr.h). */
#ifndef IDM_QRVIEW_H
#define IDM_QRVIEW_H

struct screen;
struct ui;

/* A new code screen for the page on screen, at its first code; the stack
 * frees it. NULL, with a status-line message, when the page has no
 * address that gets a code. */
struct screen *qrview_open(struct ui *u);
/* 1 when s is a code screen: a kiosk's touch targets then move between
 * its codes. */
int qrview_is(const struct screen *s);
/* 1 when the page on screen has codes to show: a kiosk then offers a
 * touch target for them. */
int qrview_page_has_codes(const struct ui *u);

#endif
