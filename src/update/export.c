/* export.c - see export.h. */
#include "config.h"

#include "export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "manifest.h"
#include "sha256.h"
#include "store.h"

#define SIG_MAX 4096
#define TMP_NAME ".idmview-export-tmp"

/* Copies `from` to `to` (new), fsync'd, and checks that the copy is
 * f's size and SHA-256. Returns 0 or -1 with `e` filled. */
static int copy_checked(const char *from, const char *to,
			const struct manifest_file *f, struct err *e)
{
	char got[SHA256_HEX_LEN + 1];
	char chunk[65536];
	int in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0) {
		err_sys(e, errno, "%s", from);
		return -1;
	}
	int out = open(to, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		err_sys(e, errno, _("%s: cannot create"), to);
		close(in);
		return -1;
	}
	int r = -1;
	unsigned long long n = 0;
	for (;;) {
		ssize_t got_n = read(in, chunk, sizeof chunk);
		if (got_n < 0 && errno == EINTR)
			continue;
		if (got_n < 0) {
			err_sys(e, errno, "%s", from);
			goto out;
		}
		if (got_n == 0)
			break;
		n += (unsigned long long)got_n;
		if (n > f->size)
			break;
		if (util_write_all(out, chunk, (size_t)got_n) < 0) {
			err_sys(e, errno, "%s", to);
			goto out;
		}
	}
	if (n != f->size) {
		err_set(e, _("%s (%s): size %llu, but the manifest says %llu"), from,
			f->name, n, f->size);
		goto out;
	}
	if (fsync(out) < 0) {
		err_sys(e, errno, "%s", to);
		goto out;
	}
	if (lseek(out, 0, SEEK_SET) < 0 || sha256_fd(out, to, got, e) < 0)
		goto out;
	if (strcmp(got, f->sha256) != 0) {
		err_set(e, _("%s (%s): SHA-256 mismatch (got %s)"), to, f->name, got);
		goto out;
	}
	r = 0;
out:
	close(in);
	if (close(out) < 0 && r == 0) {
		err_sys(e, errno, "%s", to);
		r = -1;
	}
	return r;
}

static int make_dir(const char *path, struct err *e)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		err_sys(e, errno, _("%s: cannot create"), path);
		return -1;
	}
	return 0;
}

static int move(const char *from, const char *to, struct err *e)
{
	if (rename(from, to) < 0) {
		err_sys(e, errno, _("%s: cannot move to %s"), from, to);
		return -1;
	}
	return 0;
}

/* Removes from dir/by-hash what an earlier export left and `m` does not
 * name. Only by-hash names (64 hex digits): nothing else there is ours. */
static void prune_by_hash(const char *byhash, const struct manifest *m)
{
	DIR *d = opendir(byhash);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!sha256_is_hex(de->d_name))
			continue;
		int keep = 0;
		for (size_t i = 0; i < m->nfiles && !keep; i++)
			keep = !strcmp(m->files[i].sha256, de->d_name);
		if (!keep) {
			char *p = xasprintf("%s/%s", byhash, de->d_name);
			unlink(p);
			free(p);
		}
	}
	closedir(d);
	store_fsync_dir(byhash);
}

/* Moves file `name` of directory `from` into directory `to`. */
static int move_named(const char *from, const char *to, const char *name, struct err *e)
{
	char *a = xasprintf("%s/%s", from, name), *b = xasprintf("%s/%s", to, name);
	int r = move(a, b, e);
	free(a);
	free(b);
	return r;
}

/* Long because it is one sequence whose order is the guarantee: check
 * and copy everything aside, then move the files in, the manifest and
 * its signature last. */
static int export_version(const char *version, const struct manifest *m,
			  const struct buf *text, const struct buf *sig,
			  const char *dir, unsigned long long *bytes, struct err *e)
{
	char *tmp = xasprintf("%s/" TMP_NAME, dir);
	char *tmphash = xasprintf("%s/by-hash", tmp);
	char *byhash = xasprintf("%s/by-hash", dir);
	char *a = NULL, *b = NULL;
	int r = -1;

	*bytes = 0;
	if (make_dir(dir, e) < 0)
		goto out;
	store_rmtree(tmp);
	if (make_dir(tmp, e) < 0 || make_dir(tmphash, e) < 0)
		goto out;
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct manifest_file *f = &m->files[i];
		free(a);
		free(b);
		a = xasprintf("%s/by-hash/%s", version, f->sha256);
		b = xasprintf("%s/%s", tmphash, f->sha256);
		struct stat st;
		if (lstat(b, &st) == 0) /* two names, one content */
			continue;
		if (copy_checked(a, b, f, e) < 0)
			goto out;
		*bytes += f->size;
	}
	free(a);
	free(b);
	a = xasprintf("%s/manifest", tmp);
	b = xasprintf("%s/manifest.minisig", tmp);
	if (store_write_file(a, text->s, text->len, e) < 0 ||
	    store_write_file(b, sig->s, sig->len, e) < 0)
		goto out;
	if (store_fsync_dir(tmphash) < 0 || store_fsync_dir(tmp) < 0) {
		err_sys(e, errno, "%s: fsync", tmp);
		goto out;
	}
	/* Now into place: the files first, so that the manifest never
	 * names one that is not there yet. */
	if (make_dir(byhash, e) < 0)
		goto out;
	for (size_t i = 0; i < m->nfiles; i++) {
		free(a);
		free(b);
		a = xasprintf("%s/%s", tmphash, m->files[i].sha256);
		b = xasprintf("%s/%s", byhash, m->files[i].sha256);
		struct stat st;
		if (lstat(a, &st) < 0) /* moved already: two names, one content */
			continue;
		if (move(a, b, e) < 0)
			goto out;
	}
	if (store_fsync_dir(byhash) < 0) {
		err_sys(e, errno, "%s: fsync", byhash);
		goto out;
	}
	if (move_named(tmp, dir, "manifest", e) < 0 ||
	    move_named(tmp, dir, "manifest.minisig", e) < 0)
		goto out;
	if (store_fsync_dir(dir) < 0) {
		err_sys(e, errno, "%s: fsync", dir);
		goto out;
	}
	prune_by_hash(byhash, m);
	r = 0;
out:
	store_rmtree(tmp);
	store_fsync_dir(dir);
	free(a);
	free(b);
	free(tmp);
	free(tmphash);
	free(byhash);
	return r;
}

int export_main(const struct config *cfg, const char *dir)
{
	struct err e = {0};
	struct buf text = {0}, sig = {0};
	struct manifest m = {0};
	int have_m = 0, status = EXIT_CONTENT;
	struct store *s = NULL;
	char *version = store_current_version(cfg->store);
	unsigned long long bytes = 0;

	if (!version) {
		/* TRANSLATORS: %s is the store directory; --update and --store are options. */
		err_set(&e, _("%s: no version installed, nothing to export (run idmview "
			      "--update first, or give the store with --store)"), cfg->store);
		goto out;
	}
	free(version);
	version = NULL;
	/* The lock: no update may switch or prune the version while it is
	 * copied. */
	s = store_open(cfg->store, &e);
	if (!s)
		goto out;
	version = store_current_version(cfg->store);
	if (!version) {
		err_set(&e, _("%s: no version installed, nothing to export (run idmview "
			      "--update first, or give the store with --store)"), cfg->store);
		goto out;
	}
	char *mp = xasprintf("%s/manifest", version);
	char *sp = xasprintf("%s/manifest.minisig", version);
	int rr = util_read_file(mp, MANIFEST_MAX_TEXT, &text, &e);
	if (rr == 0)
		rr = util_read_file(sp, SIG_MAX, &sig, &e);
	if (rr == 0)
		rr = manifest_parse(text.s ? text.s : "", text.len, mp, &m, &e);
	free(mp);
	free(sp);
	if (rr < 0)
		goto out;
	have_m = 1;
	if (export_version(version, &m, &text, &sig, dir, &bytes, &e) < 0)
		goto out;
	/* TRANSLATORS: the summary of --export: the serial, how many
	 * files, their bytes and the directory written. */
	printf(ngettext("exported serial %llu, %zu file (%llu bytes), to %s\n",
			"exported serial %llu, %zu files (%llu bytes), to %s\n", m.nfiles),
	       m.serial, m.nfiles, bytes, dir);
	status = EXIT_OK;
out:
	if (status != EXIT_OK) {
		fprintf(stderr, "%s: ", util_progname);
		fprintf(stderr, _("export failed: %s"), e.msg);
		fputc('\n', stderr);
	}
	if (have_m)
		manifest_free(&m);
	buf_free(&text);
	buf_free(&sig);
	free(version);
	store_close(s);
	return status;
}
