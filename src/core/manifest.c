/* manifest.c - see manifest.h. */
#include "config.h"

#include "manifest.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINE 512

int manifest_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > MANIFEST_MAX_NAME || name[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Parses exactly N decimal digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Strict YYYY-MM-DD. */
static int parse_date(const char *s, int *y, int *mo, int *d)
{
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, y) || digits(s + 5, 2, mo) || digits(s + 8, 2, d))
		return -1;
	if (*y < 1970 || *mo < 1 || *mo > 12 || *d < 1 ||
	    *d > days_in_month(*y, *mo))
		return -1;
	return 0;
}

/* Strict YYYY-MM-DDTHH:MM:SSZ to time_t (UTC), without timegm's locale. */
static int parse_time(const char *s, time_t *t)
{
	int y, mo, d, h, mi, se;
	if (strlen(s) != 20 || parse_date(s, &y, &mo, &d) || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
	    digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 59)
		return -1;
	long long days = 0;
	for (int yy = 1970; yy < y; yy++)
		days += days_in_month(yy, 2) == 29 ? 366 : 365;
	for (int mm = 1; mm < mo; mm++)
		days += days_in_month(y, mm);
	days += d - 1;
	*t = (time_t)(days * 86400 + h * 3600 + mi * 60 + se);
	return 0;
}

void manifest_time_format(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Decimal without sign or leading zeros, at most `maxdig` digits. */
static int parse_ull(const char *s, int maxdig, unsigned long long *v)
{
	size_t n = strlen(s);
	if (n == 0 || n > (size_t)maxdig || (s[0] == '0' && n > 1))
		return -1;
	unsigned long long r = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		r = r * 10 + (unsigned)(s[i] - '0');
	}
	*v = r;
	return 0;
}

void manifest_add(struct manifest *m, const char *name,
		  unsigned long long size, const char *sha256)
{
	m->files = xgrow(m->files, &m->cap, m->nfiles + 1, sizeof *m->files);
	struct manifest_file *f = &m->files[m->nfiles++];
	f->name = xstrdup(name);
	f->size = size;
	snprintf(f->sha256, sizeof f->sha256, "%s", sha256);
}

const struct manifest_file *manifest_find(const struct manifest *m,
					  const char *name)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (strcmp(m->files[i].name, name) == 0)
			return &m->files[i];
	return NULL;
}

void manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i].name);
	free(m->files);
	memset(m, 0, sizeof *m);
}

enum { S_MAGIC, S_SERIAL, S_CREATED, S_EXPIRES, S_BODY };

static int fail(struct manifest *m, struct err *e, const char *name, int line,
		const char *what)
{
	err_set(e, "%s:%d: %s", name, line, _(what));
	manifest_free(m);
	return -1;
}

/* 1 when `s` looks like a minisign public key line: "RW" (base64 of the
 * "Ed" algorithm tag) then base64 to 56 characters in all. The signature
 * check proper is minisign's; this only keeps junk out of the store. */
static int key_b64_ok(const char *s)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	if (strlen(s) != MANIFEST_KEY_B64 || strncmp(s, "RW", 2) != 0)
		return 0;
	return strspn(s, b64) == MANIFEST_KEY_B64;
}

/* Long because it is one pass over the lines with a state for each
 * header field and the file records, each refusal naming its line:
 * split up, the state and the line number would travel everywhere. */
int manifest_parse(const char *text, size_t len, const char *name,
		   struct manifest *m, struct err *e)
{
	char line[MAX_LINE + 1];
	const char *p = text, *end = text + len;
	int lineno = 0, state = S_MAGIC;

	memset(m, 0, sizeof *m);
	if (len > MANIFEST_MAX_TEXT)
		/* TRANSLATORS: what is wrong with an update's manifest, shown
		 * after its FILE:LINE. Keep the manifest's words as they are
		 * written in it: idmview-manifest, serial, created, expires,
		 * updated, file, KEY VALUE, SHA256 SIZE NAME, site.xml. */
		return fail(m, e, name, 1, N_("manifest too large"));
	if (len == 0)
		return fail(m, e, name, 1, N_("empty manifest"));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		lineno++;
		if (!nl)
			return fail(m, e, name, lineno, N_("last line has no newline"));
		size_t n = (size_t)(nl - p);
		if (n > MAX_LINE)
			return fail(m, e, name, lineno, N_("line too long"));
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl + 1;
		if (memchr(line, '\0', n) || strchr(line, '\r') || strchr(line, '\t'))
			return fail(m, e, name, lineno,
				    N_("control character in line"));

		char *key = line, *val = strchr(line, ' ');
		if (!val)
			return fail(m, e, name, lineno,
				    n ? N_("expected \"KEY VALUE\"") : N_("blank line"));
		*val++ = '\0';

		switch (state) {
		case S_MAGIC:
			if (strcmp(key, "idmview-manifest") != 0)
				return fail(m, e, name, lineno,
					    N_("not an idmview manifest"));
			if (strcmp(val, "1") != 0)
				return fail(m, e, name, lineno,
					    N_("unsupported manifest version"));
			state = S_SERIAL;
			continue;
		case S_SERIAL:
			if (strcmp(key, "serial") != 0)
				return fail(m, e, name, lineno, N_("expected \"serial N\""));
			if (parse_ull(val, 18, &m->serial) || m->serial == 0)
				return fail(m, e, name, lineno,
					    N_("bad serial (1 to 18 digits, not 0)"));
			state = S_CREATED;
			continue;
		case S_CREATED:
			if (strcmp(key, "created") != 0)
				return fail(m, e, name, lineno,
					    N_("expected \"created YYYY-MM-DDTHH:MM:SSZ\""));
			if (parse_time(val, &m->created))
				return fail(m, e, name, lineno, N_("bad created time"));
			state = S_EXPIRES;
			continue;
		case S_EXPIRES:
			if (strcmp(key, "expires") != 0)
				return fail(m, e, name, lineno,
					    N_("expected \"expires YYYY-MM-DDTHH:MM:SSZ\""));
			if (parse_time(val, &m->expires))
				return fail(m, e, name, lineno, N_("bad expiry time"));
			if (m->expires <= m->created)
				return fail(m, e, name, lineno,
					    N_("expires before it was created"));
			state = S_BODY;
			continue;
		default:
			break;
		}

		if (strcmp(key, "updated") == 0) {
			int y, mo, d;
			if (m->nfiles || m->updated[0])
				return fail(m, e, name, lineno,
					    N_("\"updated\" must come once, before the files"));
			if (strlen(val) != 10 || parse_date(val, &y, &mo, &d))
				return fail(m, e, name, lineno,
					    N_("bad updated date (YYYY-MM-DD)"));
			memcpy(m->updated, val, 11);
			continue;
		}
		if (strcmp(key, "next_key") == 0) {
			if (m->nfiles || m->next_key[0])
				return fail(m, e, name, lineno,
					    N_("\"next_key\" must come once, before the files"));
			if (!key_b64_ok(val))
				return fail(m, e, name, lineno,
					    N_("bad next_key (a minisign public key line: "
					    "56 base64 characters starting with RW)"));
			memcpy(m->next_key, val, MANIFEST_KEY_B64 + 1);
			continue;
		}
		if (strcmp(key, "file") != 0)
			return fail(m, e, name, lineno, N_("unknown line"));

		char *sha = val, *size = strchr(sha, ' '), *fname;
		if (!size)
			return fail(m, e, name, lineno,
				    N_("expected \"file SHA256 SIZE NAME\""));
		*size++ = '\0';
		fname = strchr(size, ' ');
		if (!fname)
			return fail(m, e, name, lineno,
				    N_("expected \"file SHA256 SIZE NAME\""));
		*fname++ = '\0';
		if (!sha256_is_hex(sha))
			return fail(m, e, name, lineno,
				    N_("bad SHA-256 (64 lowercase hex digits)"));
		unsigned long long sz;
		if (parse_ull(size, 20, &sz) || sz > MANIFEST_MAX_SIZE)
			return fail(m, e, name, lineno,
				    N_("bad size (at most 64 MiB)"));
		if (fname[0] == '/' || strchr(fname, '/') || strstr(fname, ".."))
			return fail(m, e, name, lineno,
				    N_("file name with a path (\"/\" or \"..\") refused"));
		if (!manifest_name_ok(fname))
			return fail(m, e, name, lineno,
				    N_("bad file name (1-128 of A-Z a-z 0-9 . _ -, "
				    "not starting with '.')"));
		if (manifest_find(m, fname))
			return fail(m, e, name, lineno, N_("file listed twice"));
		if (m->nfiles >= MANIFEST_MAX_FILES)
			return fail(m, e, name, lineno, N_("too many files"));
		manifest_add(m, fname, sz, sha);
	}
	if (state != S_BODY)
		return fail(m, e, name, lineno, N_("manifest ends early"));
	if (!manifest_find(m, "site.xml"))
		return fail(m, e, name, lineno, N_("no site.xml listed"));
	return 0;
}

int manifest_load(const char *path, struct manifest *m, struct err *e)
{
	struct buf b = {0};
	memset(m, 0, sizeof *m);
	if (util_read_file(path, MANIFEST_MAX_TEXT, &b, e) < 0) {
		buf_free(&b);
		return -1;
	}
	int r = manifest_parse(b.s ? b.s : "", b.len, path, m, e);
	buf_free(&b);
	return r;
}

char *manifest_format(const struct manifest *m)
{
	struct buf b = {0};
	char c[21], x[21];
	manifest_time_format(m->created, c);
	manifest_time_format(m->expires, x);
	buf_printf(&b, "idmview-manifest 1\nserial %llu\ncreated %s\nexpires %s\n",
		   m->serial, c, x);
	if (m->updated[0])
		buf_printf(&b, "updated %s\n", m->updated);
	if (m->next_key[0])
		buf_printf(&b, "next_key %s\n", m->next_key);
	for (size_t i = 0; i < m->nfiles; i++)
		buf_printf(&b, "file %s %llu %s\n", m->files[i].sha256,
			   m->files[i].size, m->files[i].name);
	return buf_take(&b);
}
