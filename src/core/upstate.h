/* upstate.h - what an update run reports, shared by the updater
 * (src/update/update.h, in idmview-update) and the reader's client of it
 * (upclient.h), which receives these over a pipe. */
#ifndef IDM_UPSTATE_H
#define IDM_UPSTATE_H

enum update_phase {
	UPDATE_PHASE_MANIFEST,  /* fetching manifest and signature */
	UPDATE_PHASE_FILES,     /* fetching content files */
	UPDATE_PHASE_CHECK,     /* assembling and loading the new version */
	UPDATE_PHASE_DONE,
};

enum update_state {
	UPDATE_FAILED = -1,
	UPDATE_RUNNING = 0,
	UPDATE_OK = 1,
};

struct update_progress {
	enum update_phase phase;
	unsigned long long done, total; /* content bytes this run */
	unsigned files_done, files_total;
	double rate;                    /* bytes/s since the start */
	long eta;                       /* seconds, -1 unknown */
	unsigned long long wire;        /* bytes received so far */
};

/* A short name for a phase ("manifest", "files", "checking", "done"), in
 * English and marked for translation: show it through gettext (_()). */
const char *update_phase_name(enum update_phase ph);

#endif
