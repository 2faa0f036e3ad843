/* publish.c - idmview-publish: turns a content directory into a signed,
 * hash-addressed tree that any static web server can serve.
 *
 *   OUT_DIR/manifest           see manifest.h
 *   OUT_DIR/manifest.minisig   minisign signature of the manifest
 *   OUT_DIR/by-hash/SHA256     each content file, gzip-compressed
 *
 * Content is checked with the reader's own loader first, and against every
 * limit readers apply (idmlimits.h): what a reader would refuse, or be
 * slow on, is never published. Compression is deterministic (no name,
 * no time in the gzip header), so an unchanged file keeps its hash and
 * its URL, and clients fetch only what changed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "beneath.h"
#include "idmlimits.h"
#include "loader.h"
#include "manifest.h"
#include "minisign.h"
#include "model.h"
#include "safeerr.h"
#include "sha256.h"
#include "store.h"
#include "util.h"

#define MAX_DAYS 3650

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: idmview-publish [OPTION]... SRC_DIR OUT_DIR\n"
		"Check the content in SRC_DIR with idmview's loader and write a\n"
		"signed update tree to OUT_DIR (manifest, manifest.minisig,\n"
		"by-hash/) for idmview --update to fetch from any web server.\n"
		"\n"
		"      --serial=N      serial of this publication (default: the UTC\n"
		"                      time as YYYYMMDDHHMMSS); must grow\n"
		"      --expires=DAYS  clients refuse the manifest after DAYS days\n"
		"                      (default 30)\n"
		"      --sign=SECKEY   sign with minisign and this secret key\n"
		"      --next-key=PUBKEY  announce this minisign public key as the\n"
		"                      next signing key (key rotation; see the\n"
		"                      manual page)\n"
		"      --limits        print the limits readers apply (and this\n"
		"                      program with them) and exit\n"
		"  -h, --help          show this help and exit\n"
		"  -V, --version       show the version and exit\n"
		"\n"
		"Exit status: 0 published, 1 usage error, 2 content or output error.\n");
}

/* gzip with a fixed header: no name, mtime 0. */
static int gzip_buf(const struct buf *in, struct buf *out, const char *name,
		    struct err *e)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
		err_set(e, "%s: zlib cannot start", name);
		return -1;
	}
	gz_header h;
	memset(&h, 0, sizeof h);
	h.os = 3; /* the same bytes whatever machine publishes */
	deflateSetHeader(&z, &h);
	uLong bound = deflateBound(&z, (uLong)in->len) + 64;
	out->s = xmalloc(bound);
	out->cap = bound;
	z.next_in = (Bytef *)in->s;
	z.avail_in = (uInt)in->len;
	z.next_out = (Bytef *)out->s;
	z.avail_out = (uInt)bound;
	int r = deflate(&z, Z_FINISH);
	out->len = bound - z.avail_out;
	deflateEnd(&z);
	if (r != Z_STREAM_END) {
		err_set(e, "%s: compression failed", name);
		return -1;
	}
	return 0;
}

static int run_minisign(const char *seckey, const char *manifest,
			const char *sig, const char *comment, struct err *e)
{
	pid_t pid = fork();
	if (pid < 0) {
		err_set(e, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		const char *argv[] = {"minisign", "-S", "-s", seckey, "-m", manifest,
				      "-x", sig, "-t", comment, NULL};
		execvp("minisign", (char *const *)(void *)argv);
		fprintf(stderr, "idmview-publish: cannot run minisign: %s\n",
			strerror(errno));
		_exit(127); /* the shell's "command not found", seen as a failed sign */
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			err_set(e, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		err_set(e, "minisign failed to sign %s (status %d)", manifest,
			WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	return 0;
}

static int parse_uint(const char *s, unsigned long long max,
		      unsigned long long *v)
{
	char *end;
	if (!s[0] || s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end || *v > max ? -1 : 0;
}

/* `what` has `have` (files, bytes) where readers accept at most `max`
 * (limit `name` of idmlimits.h and idmview-content(5)). */
static void limit_err(struct err *e, const char *what, unsigned long long have,
		      const char *name, unsigned long long max, const char *unit)
{
	err_set(e, "%s: %llu %s, more than the %llu every reader accepts (limit \"%s\" "
		   "in idmview-content(5)); readers would refuse the publication",
		what, have, unit, max, name);
}

static void print_limits(void)
{
#define IDM_PRINT_LIMIT(macro, name, unit, what) \
	printf("%s\t%llu\t%s\t%s\n", name, (unsigned long long)(macro), unit, what);
	IDM_LIMITS(IDM_PRINT_LIMIT)
#undef IDM_PRINT_LIMIT
}

/* A title or short title longer than IDM_MAX_TITLE: err filled, -1. */
static int title_ok(const char *src, int line, const char *whose, const char *t,
		    struct err *e)
{
	size_t n = t ? strnlen(t, IDM_MAX_TITLE + 1) : 0;
	if (n <= IDM_MAX_TITLE)
		return 0;
	char *what = xasprintf("%s/%s:%d: the title of %s", src, LOADER_INDEX, line, whose);
	limit_err(e, what, (unsigned long long)strlen(t), "title", IDM_MAX_TITLE, "bytes");
	free(what);
	return -1;
}

static int translations_ok(const char *src, int line, const char *whose,
			   const struct translation *tr, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++)
		if (title_ok(src, line, whose, tr[i].title, e) < 0 ||
		    title_ok(src, line, whose, tr[i].short_title, e) < 0)
			return -1;
	return 0;
}

/* Every title of the site within IDM_MAX_TITLE, in every language. */
static int titles_ok(const char *src, const struct site *s, struct err *e)
{
	if (title_ok(src, 0, "the site", s->title, e) < 0 ||
	    translations_ok(src, 0, "the site", s->trs, s->ntrs, e) < 0)
		return -1;
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		char *whose = xasprintf("\"%s\"", p->id);
		int r = title_ok(src, p->index_line, whose, p->title, e) < 0 ||
			title_ok(src, p->index_line, whose, p->short_title, e) < 0 ||
			translations_ok(src, p->index_line, whose, p->trs, p->ntrs, e) < 0;
		free(whose);
		if (r)
			return -1;
	}
	return 0;
}

static void names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Gathers the names of the content files the site index uses. On a
 * refusal nothing is left allocated. */
static int content_files(const char *src, char ***names, size_t *n,
			 struct err *e)
{
	struct site *s = loader_load_site(src, e);
	if (!s)
		return -1;
	if (titles_ok(src, s, e) < 0) {
		site_free(s);
		return -1;
	}
	*names = xcalloc(s->npages + 1, sizeof **names);
	(*names)[(*n)++] = xstrdup(LOADER_INDEX);
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		if (p->kind != PAGE_TEXT || !p->file)
			continue;
		int dup = 0;
		for (size_t j = 0; j < *n; j++)
			dup |= !strcmp((*names)[j], p->file);
		if (dup)
			continue;
		if (!manifest_name_ok(p->file)) {
			err_set(e, "%s/%s:%d: file name \"%s\" cannot be published "
				   "(1-%d of A-Z a-z 0-9 . _ -: limit \"name\" in "
				   "idmview-content(5))", src, LOADER_INDEX,
				p->index_line, p->file, IDM_MAX_NAME);
			site_free(s);
			names_free(*names, *n);
			*names = NULL;
			*n = 0;
			return -1;
		}
		(*names)[(*n)++] = xstrdup(p->file);
	}
	site_free(s);
	if (*n > IDM_MAX_FILES) {
		limit_err(e, src, *n, "files", IDM_MAX_FILES, "files");
		names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

static void default_serial(unsigned long long *serial, time_t now)
{
	struct tm tm;
	char s[32];
	gmtime_r(&now, &tm);
	strftime(s, sizeof s, "%Y%m%d%H%M%S", &tm);
	*serial = strtoull(s, NULL, 10);
}

static int site_updated(const char *src, char out[11])
{
	struct err e;
	struct site *s = loader_load_site(src, &e);
	out[0] = '\0';
	if (!s)
		return -1;
	if (s->updated && strlen(s->updated) == 10)
		memcpy(out, s->updated, 11);
	site_free(s);
	return 0;
}

/* The options; exits on a usage error, --help and --version. */
static void parse_args(int argc, char **argv, unsigned long long *serial,
		       unsigned long long *days, const char **seckey,
		       const char **nextkey)
{
	static const struct option opts[] = {
		{"serial", required_argument, NULL, 'n'},
		{"expires", required_argument, NULL, 'x'},
		{"sign", required_argument, NULL, 's'},
		{"next-key", required_argument, NULL, 'k'},
		{"limits", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_uint(optarg, 999999999999999999ull, serial) < 0 || *serial == 0) {
				fprintf(stderr, "idmview-publish: --serial: a number from "
						"1 to 18 digits, not \"%s\"\n", optarg);
				exit(EXIT_USAGE);
			}
			break;
		case 'x':
			if (parse_uint(optarg, MAX_DAYS, days) < 0 || *days == 0) {
				fprintf(stderr, "idmview-publish: --expires: days from 1 "
						"to %d, not \"%s\"\n", MAX_DAYS, optarg);
				exit(EXIT_USAGE);
			}
			break;
		case 's':
			*seckey = optarg;
			break;
		case 'k':
			*nextkey = optarg;
			break;
		case 'L':
			print_limits();
			exit(EXIT_OK);
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case 'V':
			printf("idmview-publish %s\n", VERSION);
			exit(EXIT_OK);
		default:
			usage(stderr);
			exit(EXIT_USAGE);
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		exit(EXIT_USAGE);
	}
}

/* Publishes content file `name` of `src` as by-hash/SHA256 (gzip, as
 * served) and adds it to m. Returns 0, or -1 with e filled. */
static int publish_file(const char *src, const char *name, const char *byhash,
			struct manifest *m, struct err *e)
{
	struct buf raw = {0}, gz = {0};
	char sha[SHA256_HEX_LEN + 1];
	char *path = xasprintf("%s/%s", src, name);
	int r = beneath_read(src, name, LOADER_MAX_FILE, &raw, e);
	if (r == 0) {
		if (loader_is_gzip(raw.s, raw.len)) {
			gz = raw; /* already compressed: published as it is */
			memset(&raw, 0, sizeof raw);
		} else {
			r = gzip_buf(&raw, &gz, path, e);
		}
	}
	if (r == 0 && gz.len > IDM_MAX_STORED_BYTES) {
		limit_err(e, path, gz.len, "stored-size", IDM_MAX_STORED_BYTES, "bytes compressed");
		r = -1;
	}
	free(path);
	if (r == 0) {
		sha256_hex(gz.s, gz.len, sha);
		char *dst = xasprintf("%s/%s", byhash, sha);
		r = store_write_file(dst, gz.s, gz.len, e);
		free(dst);
		manifest_add(m, name, gz.len, sha);
	}
	buf_free(&raw);
	buf_free(&gz);
	return r;
}

/* A serial not greater than the one already in OUT would be refused by
 * every client: say so before writing anything. */
static int serial_is_new(const char *mpath, unsigned long long serial)
{
	struct manifest old;
	struct err e;
	if (manifest_load(mpath, &old, &e) < 0)
		return 1;
	unsigned long long prev = old.serial;
	manifest_free(&old);
	if (serial > prev)
		return 1;
	fprintf(stderr, "idmview-publish: serial %llu is not greater than "
			"the %llu already in %s (clients would refuse it)\n",
		serial, prev, mpath);
	return 0;
}

/* The key line (manifest.h next_key) of the minisign public key file at
 * `path` into `out`: the file is parsed as the kiosks will parse the
 * line, so that a secret key or a typo is refused here, not there. */
static int read_next_key(const char *path, char out[MANIFEST_KEY_B64 + 1],
			 struct err *e)
{
	struct buf b = {0};
	struct minisign_key k;
	int r = util_read_file(path, 4095, &b, e);
	if (r == 0)
		r = minisign_key_parse(b.s ? b.s : "", b.len, path, &k, e);
	/* parsed: line 2 is exactly the key's base64 */
	const char *nl = r == 0 && b.s ? strchr(b.s, '\n') : NULL;
	if (nl) {
		memcpy(out, nl + 1, MANIFEST_KEY_B64);
		out[MANIFEST_KEY_B64] = '\0';
	}
	buf_free(&b);
	return r;
}

/* Signs the manifest with `seckey`, or says how to when there is none. */
static int sign(const char *seckey, const char *mpath, const char *spath,
		unsigned long long serial, struct err *e)
{
	if (!seckey) {
		unlink(spath);
		fprintf(stderr, "idmview-publish: not signed (no --sign): clients "
				"will refuse it until you run\n"
				"  minisign -S -s SECKEY -m %s\n", mpath);
		return 0;
	}
	char *comment = xasprintf("idmview manifest serial %llu", serial);
	int r = run_minisign(seckey, mpath, spath, comment, e);
	free(comment);
	return r;
}

int main(int argc, char **argv)
{
	unsigned long long serial = 0, days = 30;
	const char *seckey = NULL, *nextkey = NULL;
	struct err e;

	util_progname = "idmview-publish";
	safeerr_install();
	parse_args(argc, argv, &serial, &days, &seckey, &nextkey);
	const char *src = argv[optind], *out = argv[optind + 1];

	if (loader_check_dir(src, &e) < 0) {
		fprintf(stderr, "idmview-publish: %s\n", e.msg);
		return EXIT_CONTENT;
	}
	char **names = NULL;
	size_t nnames = 0;
	if (content_files(src, &names, &nnames, &e) < 0) {
		fprintf(stderr, "idmview-publish: %s\n", e.msg);
		return EXIT_CONTENT;
	}

	time_t now = time(NULL);
	struct manifest m;
	memset(&m, 0, sizeof m);
	if (serial == 0)
		default_serial(&serial, now);
	m.serial = serial;
	m.created = now;
	m.expires = now + (time_t)days * 86400;
	site_updated(src, m.updated);
	if (nextkey && read_next_key(nextkey, m.next_key, &e) < 0) {
		fprintf(stderr, "idmview-publish: --next-key: %s\n", e.msg);
		names_free(names, nnames);
		return EXIT_USAGE;
	}

	int status = EXIT_CONTENT;
	char *byhash = xasprintf("%s/by-hash", out);
	char *mpath = xasprintf("%s/manifest", out);
	char *spath = xasprintf("%s/manifest.minisig", out);
	char *text = NULL;
	if ((mkdir(out, 0755) < 0 && errno != EEXIST) ||
	    (mkdir(byhash, 0755) < 0 && errno != EEXIST)) {
		fprintf(stderr, "idmview-publish: %s: %s\n", byhash, strerror(errno));
		goto out;
	}
	if (!serial_is_new(mpath, serial))
		goto out;
	for (size_t i = 0; i < nnames; i++)
		if (publish_file(src, names[i], byhash, &m, &e) < 0)
			goto fail;
	text = manifest_format(&m);
	if (strlen(text) > IDM_MAX_MANIFEST_BYTES) {
		limit_err(&e, "the manifest", strlen(text), "manifest-size",
			  IDM_MAX_MANIFEST_BYTES, "bytes (shorter file names make it smaller)");
		goto fail;
	}
	if (store_write_file(mpath, text, strlen(text), &e) < 0 ||
	    sign(seckey, mpath, spath, serial, &e) < 0)
		goto fail;
	printf("published serial %llu: %zu files, %s\n", serial, m.nfiles, out);
	status = EXIT_OK;
	goto out;
fail:
	fprintf(stderr, "idmview-publish: %s\n", e.msg);
out:
	names_free(names, nnames);
	free(text);
	free(byhash);
	free(mpath);
	free(spath);
	manifest_free(&m);
	return status;
}
