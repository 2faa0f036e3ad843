/* sandbox.h - confinement of the updater and of a kiosk's reader once
 * started: Landlock (what files they may read, write and run) and a
 * seccomp filter (what the kernel may be asked at all). See sandbox.c. */
#ifndef IDMVIEW_SANDBOX_H
#define IDMVIEW_SANDBOX_H

/* The updater: writes only under STORE, reads only CONFIG, KEY,
 * CREDENTIALS (any may be NULL), CA certificates and the system's
 * libraries, locale and resolver files; may use the network.
 * Returns 0 when confined or when the kernel cannot confine (said once
 * on stderr); -1 with errno when a confinement the kernel offers failed. */
int sandbox_updater(const char *store, const char *config, const char *key,
		    const char *credentials);

struct config;
/* sandbox_updater for the configuration CFG, read from CONFIG_PATH (may
 * be NULL): its store, trusted key, credentials file and local update
 * sources (file:///DIR). Makes the store if it is missing. */
int sandbox_update_config(const struct config *cfg, const char *config_path);

/* A kiosk's reader after start-up: writes only under CACHE (and the
 * terminal), reads READABLE (a NULL-ended list: content, store, message
 * catalogues), the system's libraries, locale and terminfo; runs no
 * program; opens no socket but AF_UNIX. Same return as sandbox_updater.
 * Both confinements are inherited across fork and exec: what the reader
 * must start (the updater, the print command) its launcher starts, a
 * process forked before this call (launcher.h). */
int sandbox_reader(const char *cache, const char *const *readable);

/* mkdir -p PATH, 0755 as the store makes its own (src/update/store.c),
 * so that it can be granted; a failure is the update's to report, with
 * its own words. */
void sandbox_make_dirs(const char *path);

/* The Landlock ABI the kernel offers, 0 when it has none. */
int sandbox_landlock_abi(void);

#endif
