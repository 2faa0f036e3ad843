/* datadir.h - which bundled content directory (and catalogues) to read. */
#ifndef IDM_DATADIR_H
#define IDM_DATADIR_H

/* The bundled content directory: `option` when given (--data-dir), else
 * $IDMVIEW_DATA_DIR, else the source tree's data/ when this binary runs
 * from its build tree, else the installed one. Returns a new string. */
char *datadir_bundled(const char *option);

/* Where the translation catalogues are: the build tree's locale/ when this
 * binary runs from its build tree, else the installed LOCALEDIR. Returns a
 * new string. */
char *datadir_locale(void);

#endif
