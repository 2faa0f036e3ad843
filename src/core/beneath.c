/* beneath.c - see beneath.h.
 *
 * openat2(2) with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS does it in one
 * call, atomically against a tree changed under us (Linux >= 5.6). Where
 * the kernel lacks it (ENOSYS) or a sandbox refuses it (EPERM), the name
 * is walked one component at a time with openat(O_NOFOLLOW), which keeps
 * the same rule: every component is opened relative to the one before,
 * and none is followed if it is a link. */
#include "config.h"

#include "beneath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef HAVE_LINUX_OPENAT2_H
#include <linux/openat2.h>
#endif

#include "i18n.h"

#define OPEN_FLAGS (O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)

/* -1 with errno ENOSYS when openat2 is not there to ask. */
static int open_resolve(int dfd, const char *rel)
{
#if defined(HAVE_LINUX_OPENAT2_H) && defined(SYS_openat2)
	struct open_how how;
	memset(&how, 0, sizeof how);
	how.flags = OPEN_FLAGS;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, dfd, rel, &how, sizeof how);
#else
	(void)dfd;
	(void)rel;
	errno = ENOSYS;
	return -1;
#endif
}

/* The walk: each directory component with O_DIRECTORY | O_NOFOLLOW, the
 * last with O_NOFOLLOW. Takes dfd. */
static int open_walk(int dfd, const char *rel)
{
	char part[256];
	const char *p = rel;
	for (;;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0 || n >= sizeof part) {
			close(dfd);
			errno = n ? ENAMETOOLONG : ENOENT;
			return -1;
		}
		memcpy(part, p, n);
		part[n] = '\0';
		p += n;
		int last = strspn(p, "/") == strlen(p);
		if (!strcmp(part, "..")) {
			close(dfd);
			errno = EXDEV;
			return -1;
		}
		int fd = openat(dfd, part, last ? OPEN_FLAGS | O_NOFOLLOW
					   : O_RDONLY | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW);
		int saved = errno;
		struct stat st;
		/* a link as a directory component fails with ENOTDIR */
		if (fd < 0 && saved == ENOTDIR &&
		    fstatat(dfd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
			saved = ELOOP;
		close(dfd);
		if (fd < 0) {
			errno = saved;
			return -1;
		}
		if (last)
			return fd;
		dfd = fd;
	}
}

static void say(struct err *e, const char *dir, const char *rel, int errnum)
{
	if (errnum == ELOOP)
		err_set(e, _("%s/%s: a symbolic link; content files must be regular files "
			     "inside the content directory (copy it in)"), dir, rel);
	else if (errnum == EXDEV)
		err_set(e, _("%s/%s: leads outside the content directory"), dir, rel);
	else
		err_set(e, _("%s/%s: cannot open: %s"), dir, rel, strerror(errnum));
	errno = errnum;
}

int beneath_open(const char *dir, const char *rel, struct err *e)
{
	if (rel[0] == '/') {
		say(e, dir, rel, EXDEV);
		return -1;
	}
	int dfd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (dfd < 0) {
		int saved = errno;
		err_set(e, _("%s: cannot open: %s"), dir, strerror(saved));
		errno = saved;
		return -1;
	}
	int fd = open_resolve(dfd, rel);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		fd = open_walk(dfd, rel); /* takes dfd */
	else
		close(dfd);
	if (fd < 0) {
		say(e, dir, rel, errno);
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		err_set(e, _("%s/%s: not a regular file"), dir, rel);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

int beneath_read(const char *dir, const char *rel, size_t max, struct buf *b, struct err *e)
{
	int fd = beneath_open(dir, rel, e);
	if (fd < 0)
		return -1;
	char *path = xasprintf("%s/%s", dir, rel);
	int r = util_read_fd(fd, path, max, b, e);
	int saved = errno;
	free(path);
	errno = saved;
	return r;
}
