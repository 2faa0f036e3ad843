/* util.h - allocation that cannot fail, growable buffers, error values. */
#ifndef IDM_UTIL_H
#define IDM_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define IDM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define IDM_NORETURN __attribute__((noreturn))
#else
#define IDM_PRINTF(f, a)
#define IDM_NORETURN
#endif

/* Allocation: on failure these call util_oom. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size `size` so that it holds at least
 * `need` elements; returns the (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) IDM_PRINTF(1, 2);

/* Exit statuses, for every program of the project (idmview(1) EXIT
 * STATUS): decided in main only, or by die(). */
enum idm_exit {
	EXIT_OK = 0,
	EXIT_USAGE = 1,   /* a usage error, or the terminal cannot be used */
	EXIT_CONTENT = 2, /* content error: the message names file:line */
	EXIT_UPDATE = 3,  /* update failed: the installed content is unchanged */
};

/* Prints "PROGNAME: out of memory" and exits with EXIT_CONTENT: the one
 * place where running out of memory is handled. */
void util_oom(void) IDM_NORETURN;

/* The program name used in messages ("idmview", "idmview-publish"). */
extern const char *util_progname;
/* Prints "progname: message" to stderr and exits with `status`. */
void die(int status, const char *fmt, ...) IDM_PRINTF(2, 3) IDM_NORETURN;

/* An error value: functions that can fail take a struct err * and fill it
 * with one line saying what went wrong, "file:line: what" where a file is
 * concerned. Only main decides to print and exit. */
struct err {
	char msg[1024];
	int sys; /* the errno of the system call whose failure this is, else 0 */
};
void err_set(struct err *e, const char *fmt, ...) IDM_PRINTF(2, 3);
void err_vset(struct err *e, const char *fmt, va_list ap) IDM_PRINTF(2, 0);
/* A system call failed with `errnum`: "FMT: strerror(errnum)", and
 * e->sys = errnum, so that a caller can tell a full disk (ENOSPC) from
 * other failures without reading the text. */
void err_sys(struct err *e, int errnum, const char *fmt, ...) IDM_PRINTF(3, 4);
/* Appends to e's message (cut at a whole character when it is full);
 * e->sys is kept. */
void err_append(struct err *e, const char *fmt, ...) IDM_PRINTF(2, 3);

/* A growable NUL-terminated byte buffer. Zero-initialise before use. */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) IDM_PRINTF(2, 3);
/* Returns the string (never NULL) and leaves b empty; caller frees. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

/* Appends the whole file at `path` to b, at most `max` bytes; only a
 * regular file is read (a FIFO, a device or a directory is refused
 * without waiting). Returns 0, or -1 with e filled ("PATH: what") and
 * errno set: kept from a failed open, so a caller can tell a missing
 * file (ENOENT) from a bad one; EFBIG when the file is over `max`;
 * EINVAL when it is not a regular file. */
int util_read_file(const char *path, size_t max, struct buf *b, struct err *e);
/* The same for a file already open as fd (closed in every case); `path`
 * is only for messages. */
int util_read_fd(int fd, const char *path, size_t max, struct buf *b, struct err *e);

/* Writes all `len` bytes to fd, going on after EINTR and short writes.
 * Returns 0, or -1 with errno set. */
int util_write_all(int fd, const void *data, size_t len);

/* Milliseconds on the monotonic clock: for timeouts and intervals, never
 * for dates. */
long util_now_ms(void);

#endif
