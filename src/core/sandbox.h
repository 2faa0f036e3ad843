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
 * terminal), reads CONTENT and STORE (either may be NULL), locale and
 * terminfo; opens no socket but AF_UNIX; runs no program but HELPER
 * (the updater, may be NULL). Same return as sandbox_updater.
 * Both confinements are inherited across fork and exec: an updater the
 * confined reader starts cannot write the store nor open an AF_INET
 * socket. Start the updater from a process forked before this call. */
int sandbox_reader(const char *cache, const char *content, const char *store,
		   const char *helper);

/* The Landlock ABI the kernel offers, 0 when it has none. */
int sandbox_landlock_abi(void);

#endif
