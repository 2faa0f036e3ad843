/* util.c - see util.h. */
#include "config.h"

#include "util.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *util_progname = PACKAGE;

void util_oom(void)
{
	fprintf(stderr, "%s: %s\n", util_progname, _("out of memory"));
	exit(EXIT_CONTENT); /* what did not fit was the content */
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		util_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		util_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		util_oom();
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2)
			util_oom();
		c *= 2;
	}
	if (size && c > ((size_t)-1) / size)
		util_oom();
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("");
	b.s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.s;
}

void die(int status, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", util_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

/* A message cut short at the end of its buffer (n: what vsnprintf wanted
 * to write) ends at a whole character, never in the middle of a UTF-8
 * sequence (a translated message takes two bytes a letter in Arabic),
 * which a terminal would show as garbage. */
static void cut_whole(char *msg, size_t size, int n)
{
	if (n < 0 || (size_t)n < size)
		return;
	size_t len = strlen(msg), i = len;
	while (i > 0 && ((unsigned char)msg[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)msg[i - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)msg[i - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (len - (i - 1) < need)
			msg[i - 1] = '\0';
	}
}

void err_vset(struct err *e, const char *fmt, va_list ap)
{
	if (!e)
		return;
	cut_whole(e->msg, sizeof e->msg, vsnprintf(e->msg, sizeof e->msg, fmt, ap));
	e->sys = 0;
}

void err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, fmt, ap);
	va_end(ap);
}

void err_sys(struct err *e, int errnum, const char *fmt, ...)
{
	if (!e)
		return;
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, fmt, ap);
	va_end(ap);
	err_append(e, ": %s", strerror(errnum));
	e->sys = errnum;
}

void err_append(struct err *e, const char *fmt, ...)
{
	if (!e)
		return;
	size_t n = strlen(e->msg);
	va_list ap;
	va_start(ap, fmt);
	cut_whole(e->msg + n, sizeof e->msg - n, vsnprintf(e->msg + n, sizeof e->msg - n, fmt, ap));
	va_end(ap);
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	b->s = xgrow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Fails with `errnum` in errno after closing fd (close may change it). */
static int read_fail(int fd, int errnum)
{
	close(fd);
	errno = errnum;
	return -1;
}

int util_read_file(const char *path, size_t max, struct buf *b, struct err *e)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is
	 * refused by util_read_fd like any file that is not a regular one. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int saved = errno;
		err_set(e, _("%s: cannot open: %s"), path, strerror(saved));
		errno = saved;
		return -1;
	}
	return util_read_fd(fd, path, max, b, e);
}

int util_read_fd(int fd, const char *path, size_t max, struct buf *b, struct err *e)
{
	char block[65536];
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err_set(e, _("%s: not a regular file"), path);
		return read_fail(fd, EINVAL);
	}
	if ((unsigned long long)st.st_size > max) {
		err_set(e, _("%s: too large (the limit is %zu bytes)"), path, max);
		return read_fail(fd, EFBIG);
	}
	/* opened O_NONBLOCK: a regular file reads the same without it */
	size_t start = b->len;
	for (;;) {
		ssize_t n = read(fd, block, sizeof block);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			err_set(e, _("%s: read error: %s"), path, strerror(saved));
			return read_fail(fd, saved);
		}
		if (n == 0)
			break;
		/* it may have grown since fstat */
		if (b->len - start + (size_t)n > max) {
			err_set(e, _("%s: too large (the limit is %zu bytes)"), path, max);
			return read_fail(fd, EFBIG);
		}
		buf_add(b, block, (size_t)n);
	}
	close(fd);
	return 0;
}

int util_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

long util_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
