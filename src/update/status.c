/* status.c - see status.h: the STORE/status file, read and written. */
#include "config.h"

#include "status.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "redact.h"
#include "store.h"

#define STATUS_MAX 16384
#define STATUS_MAGIC "idmview-status 1"

static char *status_path(const char *store)
{
	return xasprintf("%s/status", store);
}

void status_free(struct status *st)
{
	free(st->source);
	free(st->error);
	memset(st, 0, sizeof *st);
}

static int parse_num(const char *v, unsigned long long *out)
{
	char *end;
	if (*v < '0' || *v > '9' || strlen(v) > 19)
		return -1;
	errno = 0;
	*out = strtoull(v, &end, 10);
	return *end || errno ? -1 : 0;
}

/* One "KEY VALUE" line into st. Returns 0, or -1 when the value is bad. */
static int parse_line(struct status *st, const char *key, const char *v)
{
	unsigned long long n = 0;
	static const struct {
		const char *key;
		size_t off;
	} nums[] = {
		{"serial-before", offsetof(struct status, serial_before)},
		{"serial-after", offsetof(struct status, serial_after)},
		{"bytes", offsetof(struct status, bytes)},
		{"bytes-total", offsetof(struct status, bytes_total)},
		{"success-serial", offsetof(struct status, success_serial)},
	};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		if (!strcmp(key, nums[i].key)) {
			if (parse_num(v, &n) < 0)
				return -1;
			*(unsigned long long *)(void *)((char *)st + nums[i].off) = n;
			return 0;
		}
	if (!strcmp(key, "check-time") || !strcmp(key, "success-time")) {
		if (parse_num(v, &n) < 0 || n > (unsigned long long)1 << 40)
			return -1;
		*(key[0] == 'c' ? &st->check_time : &st->success_time) = (time_t)n;
		st->checked |= key[0] == 'c';
	} else if (!strcmp(key, "check-result")) {
		if (strcmp(v, "ok") && strcmp(v, "failed"))
			return -1;
		st->ok = !strcmp(v, "ok");
	} else if (!strcmp(key, "source") || !strcmp(key, "error")) {
		char **f = key[0] == 's' ? &st->source : &st->error;
		free(*f);
		*f = xstrdup(v);
	}
	/* else: a key of a later version */
	return 0;
}

int status_read(const char *store, struct status *st, struct err *e)
{
	struct buf b = {0};
	char *path = status_path(store);
	int r = -1;
	memset(st, 0, sizeof *st);
	if (util_read_file(path, STATUS_MAX, &b, e) < 0) {
		r = errno == ENOENT || errno == ENOTDIR ? 0 : -1;
		goto out;
	}
	char *save = NULL;
	unsigned lineno = 0;
	if (!b.s)
		buf_adds(&b, "");
	for (char *line = strtok_r(b.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (lineno == 1) {
			if (strcmp(line, STATUS_MAGIC) != 0) {
				err_set(e, _("%s:1: not a status file of this version "
					     "(\"%s\" expected)"), path, STATUS_MAGIC);
				goto bad;
			}
			continue;
		}
		char *sp = strchr(line, ' ');
		if (!sp || sp == line) {
			err_set(e, _("%s:%u: \"KEY VALUE\" expected"), path, lineno);
			goto bad;
		}
		*sp = '\0';
		if (parse_line(st, line, sp + 1) < 0) {
			err_set(e, _("%s:%u: bad value for %s"), path, lineno, line);
			goto bad;
		}
	}
	if (lineno == 0) {
		err_set(e, _("%s: empty"), path);
		goto bad;
	}
	r = 1;
	goto out;
bad:
	status_free(st);
out:
	buf_free(&b);
	free(path);
	return r;
}

/* A value on one line: control characters become spaces, and a message
 * longer than any err holds is cut (at a whole UTF-8 character). */
static void add_line_value(struct buf *b, const char *key, const char *value)
{
	char *v = redact_text(value); /* never a mirror's password on disk */
	size_t n = strlen(v);
	if (n > sizeof(((struct err *)0)->msg)) {
		n = sizeof(((struct err *)0)->msg);
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
	}
	buf_printf(b, "%s ", key);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		buf_addc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	buf_addc(b, '\n');
	free(v);
}

int status_record(const char *store, time_t now, int ok, const char *error,
		  unsigned long long serial_before, unsigned long long serial_after,
		  unsigned long long bytes, const char *source, struct err *e)
{
	struct status old;
	struct err ignored;
	/* A record that cannot be read is started afresh, not kept. */
	if (status_read(store, &old, &ignored) < 0)
		memset(&old, 0, sizeof old);
	struct buf b = {0};
	buf_printf(&b, "%s\n", STATUS_MAGIC);
	buf_printf(&b, "check-time %lld\n", (long long)now);
	buf_printf(&b, "check-result %s\n", ok ? "ok" : "failed");
	buf_printf(&b, "serial-before %llu\n", serial_before);
	buf_printf(&b, "serial-after %llu\n", serial_after);
	buf_printf(&b, "bytes %llu\n", bytes);
	buf_printf(&b, "bytes-total %llu\n", old.bytes_total + bytes);
	if (ok && source)
		add_line_value(&b, "source", source);
	if (!ok)
		add_line_value(&b, "error", error && error[0] ? error : "?");
	if (ok) {
		buf_printf(&b, "success-time %lld\n", (long long)now);
		buf_printf(&b, "success-serial %llu\n", serial_after);
	} else if (old.success_time) {
		buf_printf(&b, "success-time %lld\n", (long long)old.success_time);
		buf_printf(&b, "success-serial %llu\n", old.success_serial);
	}
	status_free(&old);
	char *path = status_path(store);
	int r = store_write_file(path, b.s, b.len, e);
	free(path);
	buf_free(&b);
	return r;
}
