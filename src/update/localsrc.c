/* localsrc.c - see localsrc.h. */
#include "config.h"

#include "localsrc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* Read per localsrc_poll: a 64 MiB file takes a few dozen polls. */
#define POLL_BYTES (2u * 1024 * 1024)
#define CHUNK 65536

struct localsrc {
	int running, ended;
	int src;                       /* the file being read */
	int fd;                        /* where it goes, or -1: memory */
	unsigned long long offset, max, written, received;
	struct buf body;
	char *name;                    /* DIR/rest, for messages */
	struct err err;                /* set when the read failed */
	int failed;
};

int localsrc_is_local(const char *url)
{
	return url[0] == '/' || strncmp(url, "file://", 7) == 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	     : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *localsrc_dir(const char *url, struct err *e)
{
	if (url[0] == '/')
		return xstrdup(url);
	const char *p = url + 7;
	if (strncmp(url, "file://", 7) != 0) {
		err_set(e, _("%s: not a local directory (file:///DIR or /DIR)"), url);
		return NULL;
	}
	if (*p != '/') {
		err_set(e, _("%s: not a local directory (file:///DIR or /DIR)"), url);
		return NULL;
	}
	struct buf b = {0};
	for (; *p; p++) {
		if (*p != '%') {
			buf_addc(&b, *p);
			continue;
		}
		int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
		if (lo < 0 || (hi == 0 && lo == 0)) {
			err_set(e, _("%s: not a local directory (file:///DIR or /DIR)"), url);
			buf_free(&b);
			return NULL;
		}
		buf_addc(&b, (char)(hi * 16 + lo));
		p += 2;
	}
	return buf_take(&b);
}

struct localsrc *localsrc_new(void)
{
	struct localsrc *ls = xcalloc(1, sizeof *ls);
	ls->src = ls->fd = -1;
	return ls;
}

void localsrc_cancel(struct localsrc *ls)
{
	if (ls->src >= 0)
		close(ls->src);
	ls->src = -1;
	ls->running = ls->ended = ls->failed = 0;
	buf_free(&ls->body);
	free(ls->name);
	ls->name = NULL;
}

void localsrc_free(struct localsrc *ls)
{
	if (!ls)
		return;
	localsrc_cancel(ls);
	free(ls);
}

unsigned long long localsrc_received(const struct localsrc *ls)
{
	return ls->running ? ls->received : 0;
}

/* Opens `rest` beneath the directory `dirfd`: each component with
 * O_NOFOLLOW, the last one only when it is a regular file. Returns the
 * fd, or -1 with `e` filled. */
static int open_beneath(int dirfd, const char *rest, const char *name,
			struct stat *st, struct err *e)
{
	char *path = xstrdup(rest);
	char *save = NULL, *comp = strtok_r(path, "/", &save);
	int dir = dirfd, fd = -1;
	while (comp) {
		char *next = strtok_r(NULL, "/", &save);
		if (!strcmp(comp, "..") || !strcmp(comp, ".")) {
			err_set(e, _("%s: a path that leaves the source directory, refused"),
				name);
			break;
		}
		if (fstatat(dir, comp, st, AT_SYMLINK_NOFOLLOW) < 0) {
			err_sys(e, errno, "%s", name);
			break;
		}
		if (S_ISLNK(st->st_mode)) {
			/* TRANSLATORS: %s is a file of a local update source. */
			err_set(e, _("%s: a symbolic link, refused (a local source is read "
				     "without following links)"), name);
			break;
		}
		if (next ? !S_ISDIR(st->st_mode) : !S_ISREG(st->st_mode)) {
			err_set(e, _("%s: not a regular file, refused"), name);
			break;
		}
		struct stat got;
		int f = openat(dir, comp, (next ? O_DIRECTORY : 0) | O_RDONLY | O_NOFOLLOW |
				O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (f < 0) {
			err_sys(e, errno, "%s", name);
			break;
		}
		/* The same file as the one just checked, not a swapped one. */
		if (fstat(f, &got) < 0 || got.st_dev != st->st_dev ||
		    got.st_ino != st->st_ino) {
			err_set(e, _("%s: changed while being opened, refused"), name);
			close(f);
			break;
		}
		if (dir != dirfd)
			close(dir);
		dir = f;
		if (!next) {
			fd = f;
			dir = dirfd;
		}
		comp = next;
	}
	if (dir != dirfd)
		close(dir);
	free(path);
	return fd;
}

int localsrc_start(struct localsrc *ls, const char *url, const char *rest,
		   const struct net_req *r, struct err *e)
{
	localsrc_cancel(ls);
	char *dir = localsrc_dir(url, e);
	if (!dir)
		return -1;
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	ls->name = xasprintf("%s/%s", n == 1 ? "" : dir, rest);
	/* The source directory itself is the configured one: it may be
	 * reached through links (a mount point, /media/usb -> ...). */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd < 0) {
		err_sys(e, errno, "%s", url);
		return -1;
	}
	struct stat st;
	ls->src = open_beneath(dfd, rest, ls->name, &st, e);
	close(dfd);
	if (ls->src < 0)
		return -1;
	ls->fd = r->fd;
	ls->offset = r->fd >= 0 ? r->offset : 0;
	ls->max = r->max;
	ls->written = ls->received = 0;
	if ((unsigned long long)st.st_size > ls->max) {
		err_set(e, _("%s: larger than the %llu bytes expected"), ls->name, ls->max);
		localsrc_cancel(ls);
		return -1;
	}
	if (ls->offset > 0 && (lseek(ls->src, (off_t)ls->offset, SEEK_SET) < 0 ||
			       lseek(ls->fd, (off_t)ls->offset, SEEK_SET) < 0)) {
		err_sys(e, errno, "%s: seek", ls->name);
		localsrc_cancel(ls);
		return -1;
	}
	ls->running = 1;
	return 0;
}

int localsrc_poll(struct localsrc *ls)
{
	char chunk[CHUNK];
	unsigned long long this_poll = 0;
	if (!ls->running || ls->ended)
		return 1;
	while (this_poll < POLL_BYTES) {
		ssize_t got = read(ls->src, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err_sys(&ls->err, errno, "%s", ls->name);
			ls->failed = 1;
			break;
		}
		if (got == 0)
			break;
		ls->received += (unsigned long long)got;
		this_poll += (unsigned long long)got;
		/* The file may grow after the size was checked at the start. */
		if (ls->offset + ls->written + (unsigned long long)got > ls->max) {
			err_set(&ls->err, _("%s: larger than the %llu bytes expected"),
				ls->name, ls->max);
			ls->failed = 1;
			break;
		}
		if (ls->fd >= 0) {
			if (util_write_all(ls->fd, chunk, (size_t)got) < 0) {
				err_sys(&ls->err, errno, _("%s: cannot store"), ls->name);
				ls->failed = 1;
				break;
			}
		} else {
			buf_add(&ls->body, chunk, (size_t)got);
		}
		ls->written += (unsigned long long)got;
	}
	if (ls->failed || this_poll < POLL_BYTES)
		ls->ended = 1;
	return ls->ended;
}

int localsrc_finish(struct localsrc *ls, struct net_result *res, struct err *e)
{
	memset(res, 0, sizeof *res);
	res->wire = ls->received;
	res->size = ls->offset + ls->written;
	int r = -1;
	if (!ls->running || !ls->ended) {
		err_set(e, _("%s: transfer not finished"), ls->name ? ls->name : "?");
	} else if (ls->failed) {
		*e = ls->err;
	} else {
		res->status = NET_DONE;
		if (ls->fd < 0) {
			res->body = buf_take(&ls->body);
			res->size = ls->written;
		}
		r = 0;
	}
	localsrc_cancel(ls);
	return r;
}
