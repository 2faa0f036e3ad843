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

/* Where the search index of the bundled content was put when it was built
 * (make) and installed: a new string when dir is the installed content or
 * the source tree's data/, else NULL (dir is anyone's files). The index
 * there is still used only when it matches dir's content (index.c). */
char *datadir_prebuilt_index(const char *dir);

#endif
