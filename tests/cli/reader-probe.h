/* reader-probe.h - the test hook of src/idmview-hooked: a copy of the
 * reader built only for make check (-DIDM_TEST_HOOKS), never installed. */
#ifndef IDM_READER_PROBE_H
#define IDM_READER_PROBE_H

/* With IDMVIEW_TEST_PROBE (actions, comma-separated, as probe_act takes
 * them) and IDMVIEW_TEST_PROBE_OUT (a file, opened now, before the
 * confinement) set: the function a kiosk calls once confined, which
 * tries the actions from inside and writes the outcome and a last line
 * "done" to the file. Else NULL. */
void (*reader_probe_hook(void))(void);

#endif
