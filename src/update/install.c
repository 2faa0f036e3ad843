/* install.c - see install.h. */
#include "config.h"

#include "install.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "floor.h"
#include "i18n.h"
#include "index.h"
#include "loader.h"
#include "sha256.h"

int installed_read(const struct store *s, struct installed *in, struct err *e)
{
	struct buf cache = {0};
	memset(in, 0, sizeof *in);
	floor_read(store_dir(s), &in->floor);
	int r = store_read_current(s, "manifest", &in->manifest, e);
	if (r < 0)
		return -1;
	if (r == 1) {
		struct manifest m;
		/* TRANSLATORS: stands for a file name at the start of an error,
		 * "installed manifest:3: bad serial". */
		if (manifest_parse(in->manifest.s, in->manifest.len,
				   _("installed manifest"), &m, e) < 0)
			return -1;
		in->serial = m.serial;
		manifest_free(&m);
	}
	if (store_read_current(s, ".http-cache", &cache, e) == 1) {
		char *save = NULL;
		for (char *line = strtok_r(cache.s, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char **f = !strncmp(line, "url ", 4)  ? &in->url
				 : !strncmp(line, "etag ", 5) ? &in->etag
				 : !strncmp(line, "last-modified ", 14) ? &in->lm
				 : NULL;
			if (f) {
				free(*f);
				*f = xstrdup(strchr(line, ' ') + 1);
			}
		}
	}
	buf_free(&cache);
	return 0;
}

void installed_free(struct installed *in)
{
	buf_free(&in->manifest);
	free(in->url);
	free(in->etag);
	free(in->lm);
	memset(in, 0, sizeof *in);
}

void install_remember_validators(const struct store *s, const char *cache_text)
{
	char *v = store_current_version(store_dir(s));
	if (!v)
		return;
	struct err e;
	char *p = xasprintf("%s/.http-cache", v);
	store_write_file(p, cache_text, strlen(cache_text), &e);
	free(p);
	free(v);
}

size_t install_missing(struct store *s, const struct manifest *m,
		       const struct manifest_file ***files, unsigned long long *total)
{
	char *cur = store_current_version(store_dir(s));
	const struct manifest_file **want = xcalloc(m->nfiles, sizeof *want);
	size_t n = 0;
	*total = 0;
	store_partial_prune(s, m);
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct manifest_file *f = &m->files[i];
		struct stat st;
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			dup |= !strcmp(want[j]->sha256, f->sha256);
		if (dup)
			continue;
		if (cur) {
			char *p = xasprintf("%s/by-hash/%s", cur, f->sha256);
			int have = lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
				   (unsigned long long)st.st_size == f->size;
			free(p);
			if (have)
				continue;
		}
		want[n++] = f;
		*total += f->size;
	}
	free(cur);
	*files = want;
	return n;
}

int install_accept(struct store *s, int fd, const struct manifest_file *f,
		   struct err *e)
{
	char got[SHA256_HEX_LEN + 1];
	char *part = store_partial_path(s, "");
	char *p = xasprintf("%s%s.part", part, f->sha256);
	char *done = xasprintf("%s%s", part, f->sha256);
	struct stat st;
	int r = -1;

	if (fstat(fd, &st) < 0) {
		err_sys(e, errno, "%s", p);
		goto out;
	}
	if ((unsigned long long)st.st_size != f->size) {
		err_set(e, _("by-hash/%s (%s): size %llu, but the manifest says %llu"),
			f->sha256, f->name, (unsigned long long)st.st_size, f->size);
		unlink(p);
		r = 1;
		goto out;
	}
	if (lseek(fd, 0, SEEK_SET) < 0 || sha256_fd(fd, p, got, e) < 0)
		goto out;
	if (strcmp(got, f->sha256) != 0) {
		err_set(e, _("by-hash/%s (%s): SHA-256 mismatch (got %s)"), f->sha256,
			f->name, got);
		unlink(p);
		r = 1;
		goto out;
	}
	if (fsync(fd) < 0 || rename(p, done) < 0) {
		err_sys(e, errno, "%s", p);
		goto out;
	}
	r = 0;
out:
	close(fd);
	free(part);
	free(p);
	free(done);
	return r;
}

int install_partial_open(struct store *s, const struct manifest_file *f, int *fd,
			 unsigned long long *have, struct err *e)
{
	char *done = store_partial_path(s, f->sha256);
	char *part = xasprintf("%s.part", done);
	char got[SHA256_HEX_LEN + 1];
	struct stat st;
	struct err ignored;
	int r = -1;

	/* Finished by an earlier, interrupted run? */
	if (stat(done, &st) == 0 && (unsigned long long)st.st_size == f->size &&
	    sha256_file(done, got, &ignored) == 0 && !strcmp(got, f->sha256)) {
		r = 1;
		goto out;
	}
	unlink(done);
	/* Twice at most: a whole .part with the wrong content is removed
	 * and fetched afresh. */
	for (int round = 0; round < 2; round++) {
		*fd = open(part, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (*fd < 0) {
			err_sys(e, errno, "%s", part);
			goto out;
		}
		if (fstat(*fd, &st) < 0) {
			err_sys(e, errno, "partial/%s.part", f->sha256);
			goto fail;
		}
		*have = (unsigned long long)st.st_size;
		if (*have > f->size) {
			if (ftruncate(*fd, 0) < 0) {
				err_sys(e, errno, "partial/%s.part", f->sha256);
				goto fail;
			}
			*have = 0;
		}
		if (*have < f->size) {
			r = 0;
			goto out;
		}
		/* Whole already: check it (this closes it). */
		int a = install_accept(s, *fd, f, e);
		*fd = -1;
		if (a <= 0) {
			r = a == 0 ? 1 : -1;
			goto out;
		}
	}
	goto out; /* wrong twice: e says how */
fail:
	close(*fd);
	*fd = -1;
out:
	free(done);
	free(part);
	return r;
}

int install_version(struct store *s, const struct manifest *m,
		    const char *manifest_text, size_t manifest_len,
		    const char *sig_text, size_t sig_len, const char *cache_text,
		    struct err *e)
{
	char *stage = NULL;
	if (store_stage(s, m, manifest_text, manifest_len, sig_text, sig_len,
			cache_text, &stage, e) < 0)
		return -1;
	char *content = xasprintf("%s/content", stage);
	struct err why;
	int r = loader_check_dir(content, &why);
	if (r == 0) {
		/* the search index goes live with the version it indexes;
		 * without it the reader builds one in its cache. Made from
		 * the current version's, only what changed re-indexed. */
		struct err ignored;
		char *cur = store_current_version(store_dir(s));
		char *old = cur ? xasprintf("%s/content", cur) : NULL;
		index_build_beside_from(content, old, &ignored);
		free(old);
		free(cur);
	}
	free(content);
	if (r < 0) {
		err_set(e, _("the new version would not load, refused: %s"), why.msg);
		store_rmtree(stage);
		free(stage);
		return -1;
	}
	r = store_commit(s, stage, m->serial, e);
	free(stage);
	if (r == 0) {
		/* Best effort: the version directory proves as much until the
		 * next one replaces it. */
		struct floor f = {m->serial, m->created};
		struct err ignored;
		floor_raise(store_dir(s), &f, &ignored);
	}
	return r;
}
