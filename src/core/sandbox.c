/* sandbox.c - Landlock and seccomp confinement of the updater and of a
 * kiosk's reader.
 *
 * From apt's sandbox for its methods (methods/aptmethod.h: the seccomp
 * block of aptMethod's configuration, with its SeccompFlags) we took:
 * PR_SET_NO_NEW_PRIVS before loading the filter; the filter loaded once,
 * after start-up has read its configuration, so that start-up is done
 * unfiltered; network calls granted by profile (apt's SeccompFlags::NETWORK)
 * only to the program that fetches; a switch to turn it off for
 * debugging (IDMVIEW_NO_SANDBOX=1, as APT::Sandbox::Seccomp "false").
 * Unlike apt (an allow-list, SCMP_ACT_TRAP for the rest), our filter allows by
 * default and refuses a list of calls neither program ever needs: the
 * allow-list needs measuring every libc, libcurl and TLS library version
 * the kiosks run, and a missing call would kill an update in the field.
 * Landlock does the narrowing that matters: which files are read,
 * written and run.
 *
 * The kernel may lack Landlock (< 5.13, or disabled): we say so once and
 * run unconfined by it, never refuse to run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox.h"
#include "configfile.h"

/* Rights by ABI, defined here as older headers lack the later ones. */
#define LL_EXECUTE	(1ULL << 0)
#define LL_WRITE_FILE	(1ULL << 1)
#define LL_READ_FILE	(1ULL << 2)
#define LL_READ_DIR	(1ULL << 3)
#define LL_ABI1_ALL	((1ULL << 13) - 1)	/* EXECUTE .. MAKE_SYM */
#define LL_REFER	(1ULL << 13)		/* ABI 2 */
#define LL_TRUNCATE	(1ULL << 14)		/* ABI 3 */
#define LL_IOCTL_DEV	(1ULL << 15)		/* ABI 5 */
#define LL_NET_BIND	(1ULL << 0)		/* ABI 4 */
#define LL_NET_CONNECT	(1ULL << 1)
#define LL_RULE_PATH	1

struct ll_attr {		/* landlock_ruleset_attr as of ABI 6 */
	uint64_t fs, net, scoped;
};
struct ll_path {		/* landlock_path_beneath_attr, packed */
	uint64_t allowed;
	int32_t parent_fd;
} __attribute__((packed));

#define RO (LL_READ_FILE | LL_READ_DIR)

int sandbox_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);
	return abi < 0 ? 0 : (int)abi;
}

static void say_once(const char *why)
{
	static int said;
	if (!said++)
		fprintf(stderr, "idmview: %s; running without that confinement "
			"(upgrade the kernel to 5.13 or later, with Landlock enabled, "
			"to confine it)\n", why);
}

static uint64_t handled_fs(int abi)
{
	uint64_t r = LL_ABI1_ALL;
	if (abi >= 2) r |= LL_REFER;
	if (abi >= 3) r |= LL_TRUNCATE;
	if (abi >= 5) r |= LL_IOCTL_DEV;
	return r;
}

/* Grants RIGHTS beneath PATH; a path that does not exist is skipped (a
 * system without /usr/lib64, a store not yet made), as it grants nothing. */
static int allow(int ruleset, const char *path, uint64_t rights, uint64_t handled)
{
	if (!path || !*path)
		return 0;
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct ll_path p = { .allowed = rights & handled, .parent_fd = fd };
	struct stat st;
	/* a file takes only file rights, not those of a directory */
	if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		p.allowed &= LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE
			| LL_TRUNCATE | LL_IOCTL_DEV;
	long r = syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH, &p, 0);
	int saved = errno;
	close(fd);
	errno = saved;
	return r < 0 ? -1 : 0;
}

struct grant {
	const char *path;
	uint64_t rights;
};

/* Builds and enforces one ruleset; NET_DENY refuses TCP bind and connect
 * where the kernel can (ABI 4). */
static int landlock(const struct grant *g, size_t n, int net_deny)
{
	int abi = sandbox_landlock_abi();
	if (abi < 1) {
		say_once(errno == ENOSYS ? "this kernel has no Landlock"
					 : "Landlock is disabled in this kernel");
		return 0;
	}
	struct ll_attr a = { .fs = handled_fs(abi) };
	size_t size = sizeof a.fs;
	if (abi >= 4) {
		a.net = net_deny ? LL_NET_BIND | LL_NET_CONNECT : 0;
		size = a.net ? 2 * sizeof a.fs : size;
	}
	int rs = (int)syscall(SYS_landlock_create_ruleset, &a, size, 0);
	if (rs < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (allow(rs, g[i].path, g[i].rights, a.fs) < 0) {
			int saved = errno;
			close(rs);
			errno = saved;
			return -1;
		}
	long r = syscall(SYS_landlock_restrict_self, rs, 0);
	int saved = errno;
	close(rs);
	errno = saved;
	return r < 0 ? -1 : 0;
}

/* What both programs read: libraries, locale, time zones, messages. */
static const char *const system_ro[] = {
	"/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/share/locale",
	"/usr/lib/locale", "/usr/share/zoneinfo", "/etc/localtime",
	"/etc/ld.so.cache", "/etc/locale.alias", "/dev/urandom", "/dev/null",
	"/proc/self", "/usr/local/share/locale",
};
/* What the updater's resolver and TLS libraries read (measured with
 * strace -e trace=%file on a real update over https). */
static const char *const net_ro[] = {
	"/etc/ssl", "/usr/share/ca-certificates", "/usr/local/share/ca-certificates",
	"/etc/pki", "/etc/gnutls", "/etc/resolv.conf", "/etc/hosts",
	"/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf",
	"/etc/services", "/etc/protocols", "/run/systemd/resolve",
	"/etc/passwd", "/etc/group", "/etc/ssl/openssl.cnf",
};
/* What the reader's terminal library reads. */
static const char *const term_ro[] = {
	"/usr/share/terminfo", "/etc/terminfo", "/lib/terminfo", "/usr/lib/terminfo",
};

#define N(a) (sizeof a / sizeof a[0])

static size_t add_list(struct grant *g, size_t n, const char *const *l,
		       size_t ln, uint64_t rights)
{
	for (size_t i = 0; i < ln; i++)
		g[n++] = (struct grant){ l[i], rights };
	return n;
}

static int disabled(void)
{
	const char *s = getenv("IDMVIEW_NO_SANDBOX");
	return s && *s && strcmp(s, "0") != 0;
}

/* LeakSanitizer's exit-time scan stops the process with ptrace from a
 * thread of its own: killed for it, a sanitizer build (CI's second make
 * check) would spin at exit for ever. There, ptrace stays allowed;
 * Landlock still keeps it to the process's own domain. */
#if defined(__SANITIZE_ADDRESS__)
#define IDM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define IDM_SANITIZED 1
#endif
#endif
#ifdef IDM_SANITIZED
#define KILL_PTRACE
#else
#define KILL_PTRACE SCMP_SYS(ptrace),
#endif

/* Calls neither program makes: reading or writing another process,
 * loading kernel code, changing the system. A try is an attack, so the
 * process is killed, as apt's filter traps what it does not expect. */
static const int killed[] = {
	KILL_PTRACE SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
	SCMP_SYS(kexec_load), SCMP_SYS(kexec_file_load), SCMP_SYS(init_module),
	SCMP_SYS(finit_module), SCMP_SYS(delete_module), SCMP_SYS(bpf),
	SCMP_SYS(perf_event_open), SCMP_SYS(userfaultfd), SCMP_SYS(reboot),
	SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(open_by_handle_at),
};
/* Calls a library might try harmlessly: refused with EPERM. io_uring is
 * refused because its requests (sockets, opens) pass this filter by. */
static const int refused[] = {
	SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root), SCMP_SYS(chroot),
	SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(keyctl), SCMP_SYS(add_key),
	SCMP_SYS(request_key), SCMP_SYS(acct), SCMP_SYS(settimeofday),
	SCMP_SYS(clock_settime), SCMP_SYS(clock_adjtime), SCMP_SYS(adjtimex),
	SCMP_SYS(io_uring_setup), SCMP_SYS(io_uring_enter),
	SCMP_SYS(io_uring_register), SCMP_SYS(personality), SCMP_SYS(syslog),
	SCMP_SYS(quotactl), SCMP_SYS(mknod), SCMP_SYS(mknodat),
};

/* The first argument compared with `v`: SCMP_A0 spelt out, because its
 * two-field initializer trips clang's -Wmissing-field-initializers. */
static struct scmp_arg_cmp arg0(enum scmp_compare op, scmp_datum_t v)
{
	struct scmp_arg_cmp c = {.arg = 0, .op = op, .datum_a = v, .datum_b = 0};
	return c;
}

/* socket() of a family not in ALLOWED fails with EACCES. One rule per
 * family: a rule may compare an argument only once. */
static int socket_rules(scmp_filter_ctx f, const int *allowed, size_t n)
{
	for (int fam = 0; fam < AF_MAX; fam++) {
		int ok = 0;
		for (size_t i = 0; i < n; i++)
			ok |= allowed[i] == fam;
		if (!ok && seccomp_rule_add(f, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket),
					    1, arg0(SCMP_CMP_EQ, (scmp_datum_t)fam)) < 0)
			return -1;
	}
	return seccomp_rule_add(f, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 1,
				arg0(SCMP_CMP_GE, (scmp_datum_t)AF_MAX));
}

static int seccomp_load_profile(const int *families, size_t nfam)
{
	scmp_filter_ctx f = seccomp_init(SCMP_ACT_ALLOW);
	if (!f)
		return -1;
	int r = 0;
	for (size_t i = 0; r >= 0 && i < N(killed); i++)
		r = seccomp_rule_add(f, SCMP_ACT_KILL_PROCESS, killed[i], 0);
	for (size_t i = 0; r >= 0 && i < N(refused); i++)
		r = seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), refused[i], 0);
	if (r >= 0)
		r = socket_rules(f, families, nfam);
	if (r >= 0)
		r = seccomp_load(f);
	seccomp_release(f);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
}

static int no_new_privs(void)
{
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

/* Confines the updater; READABLE is a NULL-ended list of the files and
 * directories it reads besides the system's (configuration, keys, local
 * sources). */
static int updater_profile(const char *store, const char *const *readable)
{
	if (disabled())
		return 0;
	struct grant g[96];
	size_t n = 0;
	g[n++] = (struct grant){ store, ~0ULL };
	for (size_t i = 0; readable[i] && n < 32; i++)
		g[n++] = (struct grant){ readable[i], RO };
	n = add_list(g, n, system_ro, N(system_ro), RO);
	n = add_list(g, n, net_ro, N(net_ro), RO);
	/* the resolver may ask nscd or systemd-resolved over AF_UNIX, and
	 * getaddrinfo's AI_ADDRCONFIG asks the kernel over AF_NETLINK */
	static const int fam[] = { AF_UNIX, AF_INET, AF_INET6, AF_NETLINK };
	if (no_new_privs() < 0 || landlock(g, n, 0) < 0)
		return -1;
	return seccomp_load_profile(fam, N(fam));
}

int sandbox_updater(const char *store, const char *config, const char *key,
		    const char *credentials)
{
	const char *r[] = { config, key, credentials, NULL };
	/* a NULL in the middle would end the list early */
	const char *l[4];
	size_t n = 0;
	for (size_t i = 0; i < 3; i++)
		if (r[i])
			l[n++] = r[i];
	l[n] = NULL;
	return updater_profile(store, l);
}

/* file:///DIR or /DIR as a path, %XX decoded; NULL for a network URL. */
static char *local_dir(const char *url)
{
	if (url[0] != '/' && strncmp(url, "file:///", 8) != 0)
		return NULL;
	const char *p = url[0] == '/' ? url : url + 7;
	char *d = malloc(strlen(p) + 1), *o = d;
	if (!d)
		return NULL;
	for (; *p; p++) {
		unsigned v;
		if (*p == '%' && sscanf(p + 1, "%2x", &v) == 1 && v) {
			*o++ = (char)v;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return d;
}

void sandbox_make_dirs(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return;
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			(void)mkdir(p, 0755);
			*s = '/';
		}
	(void)mkdir(p, 0755);
	free(p);
}

int sandbox_update_config(const struct config *cfg, const char *config_path)
{
	const char *l[48];
	char *own[32], **keys = NULL;
	size_t n = 0, nown = 0;
	if (config_path)
		l[n++] = config_path;
	/* trusted_key may name several files: each is granted */
	size_t nkeys = config_split_list(cfg->trusted_key, 8, &keys);
	for (size_t i = 0; i < nkeys; i++)
		l[n++] = keys[i];
	if (cfg->credentials_file)
		l[n++] = cfg->credentials_file;
	for (size_t i = 0; i < cfg->nupdate_urls && nown < 32; i++) {
		char *d = local_dir(cfg->update_urls[i]);
		if (d)
			l[n++] = own[nown++] = d;
	}
	l[n] = NULL;
	/* a first update makes the store: it must exist to be granted */
	if (cfg->store)
		sandbox_make_dirs(cfg->store);
	int r = updater_profile(cfg->store, l);
	int saved = errno;
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	config_list_free(keys, nkeys);
	errno = saved;
	return r;
}

int sandbox_reader(const char *cache, const char *const *readable)
{
	if (disabled())
		return 0;
	struct grant g[96];
	size_t n = 0;
	/* everything but running a program: the index is built there */
	g[n++] = (struct grant){ cache, ~0ULL & ~LL_EXECUTE };
	for (size_t i = 0; readable[i] && n < 32; i++)
		g[n++] = (struct grant){ readable[i], RO };
	/* the terminal it was given, should ncurses open it again */
	g[n++] = (struct grant){ "/dev/tty", LL_READ_FILE | LL_WRITE_FILE };
	g[n++] = (struct grant){ "/dev/pts", LL_READ_FILE | LL_WRITE_FILE };
	n = add_list(g, n, system_ro, N(system_ro), RO);
	n = add_list(g, n, term_ro, N(term_ro), RO);
	/* syslog(3) writes to /dev/log; the launcher's socket is made before */
	static const int fam[] = { AF_UNIX };
	if (no_new_privs() < 0 || landlock(g, n, 1) < 0)
		return -1;
	return seccomp_load_profile(fam, N(fam));
}
