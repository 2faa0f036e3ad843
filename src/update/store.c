/* store.c - see store.h. */
#include "config.h"

#include "store.h"

#include "floor.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>


struct store {
	char *dir;
	char *partial;
	int lockfd;
};

const char *store_dir(const struct store *s)
{
	return s->dir;
}

char *store_partial_path(const struct store *s, const char *name)
{
	return xasprintf("%s/%s", s->partial, name);
}

int store_fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int store_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *de;
	int r = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = xasprintf("%s/%s", path, de->d_name);
		if (store_rmtree(sub) < 0)
			r = -1;
		free(sub);
	}
	closedir(d);
	if (rmdir(path) < 0)
		r = -1;
	return r;
}

/* Points STORE/current at version `serial` with one rename(2) of a new
 * symbolic link over whatever is there. */
static int switch_current(const char *dir, unsigned long long serial,
			  struct err *e)
{
	char name[32];
	snprintf(name, sizeof name, "%llu", serial);
	char *tmp = xasprintf("%s/current.tmp", dir);
	char *cur = xasprintf("%s/current", dir);
	int r = -1;
	unlink(tmp);
	if (symlink(name, tmp) < 0) {
		err_sys(e, errno, "%s", tmp);
	} else if (rename(tmp, cur) < 0) {
		err_sys(e, errno, _("%s: cannot switch"), cur);
		unlink(tmp);
	} else {
		r = 0;
	}
	free(tmp);
	free(cur);
	return r;
}

/* A `current` that is damaged (dangling, a loop, a regular file, a path
 * out of the store) or older than an intact version (a crash between a
 * version's arrival and the switch: it was whole and verified) is
 * pointed at the newest intact version. The versions themselves prove
 * what was installed; a link is only how the reader finds it. */
static void repair_current(const char *dir)
{
	unsigned long long newest = store_newest_serial(dir, 0);
	struct err e;
	if (newest &&
	    (store_current_damaged(dir) || store_current_serial(dir) != newest) &&
	    switch_current(dir, newest, &e) == 0)
		store_fsync_dir(dir);
}

/* Keeps the installed version and the newest intact one older than it;
 * removes other version directories: older ones, and damaged ones. An
 * intact version newer than the installed one is never removed (only a
 * failed repair leaves one). */
static void prune_versions(const char *dir)
{
	unsigned long long cur = store_current_serial(dir);
	unsigned long long prev = store_previous_serial(dir);
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	int removed = 0;
	while ((de = readdir(d))) {
		if (!store_is_serial(de->d_name))
			continue;
		unsigned long long v = strtoull(de->d_name, NULL, 10);
		if (v == cur || v == prev ||
		    (v > cur && store_version_intact(dir, v, NULL)))
			continue;
		char *sub = xasprintf("%s/%s", dir, de->d_name);
		store_rmtree(sub);
		free(sub);
		removed = 1;
	}
	closedir(d);
	if (removed)
		store_fsync_dir(dir);
}

static int mkdir_p(const char *path, struct err *e)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			err_sys(e, errno, _("%s: cannot create"), p);
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		err_sys(e, errno, _("%s: cannot create"), path);
		return -1;
	}
	return 0;
}

struct store *store_open(const char *dir, struct err *e)
{
	if (mkdir_p(dir, e) < 0)
		return NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->partial = xasprintf("%s/partial", dir);
	char *lock = xasprintf("%s/lock", dir);
	s->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (s->lockfd < 0) {
		err_sys(e, errno, _("%s: cannot open the lock file"), lock);
		free(lock);
		s->lockfd = -1;
		store_close(s);
		return NULL;
	}
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) < 0) {
		err_set(e, "%s: %s", lock,
			errno == EWOULDBLOCK ? _("another update is running")
					     : strerror(errno));
		free(lock);
		store_close(s);
		return NULL;
	}
	free(lock);
	if (mkdir(s->partial, 0755) < 0 && errno != EEXIST) {
		err_sys(e, errno, _("%s: cannot create"), s->partial);
		store_close(s);
		return NULL;
	}
	/* A crash may have left these; none of them is ever read. */
	char *tmp = xasprintf("%s/current.tmp", dir);
	unlink(tmp);
	free(tmp);
	repair_current(dir);
	prune_versions(dir);
	/* A store written before the floor file existed gets one now. */
	struct floor f;
	struct err ignored;
	floor_read(dir, &f);
	floor_raise(dir, &f, &ignored);
	return s;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);
	free(s->dir);
	free(s->partial);
	free(s);
}

void store_partial_prune(struct store *s, const struct manifest *m)
{
	DIR *d = opendir(s->partial);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		char sha[SHA256_HEX_LEN + 1];
		const char *n = de->d_name;
		if (!strcmp(n, ".") || !strcmp(n, ".."))
			continue;
		int keep = 0;
		if (m && strlen(n) >= SHA256_HEX_LEN) {
			memcpy(sha, n, SHA256_HEX_LEN);
			sha[SHA256_HEX_LEN] = '\0';
			const char *rest = n + SHA256_HEX_LEN;
			if (sha256_is_hex(sha) && (!*rest || !strcmp(rest, ".part")))
				for (size_t i = 0; i < m->nfiles && !keep; i++)
					keep = !strcmp(m->files[i].sha256, sha);
		}
		if (!keep) {
			char *p = store_partial_path(s, n);
			store_rmtree(p);
			free(p);
		}
	}
	closedir(d);
}

int store_read_current(const struct store *s, const char *name,
		       struct buf *b, struct err *e)
{
	char *v = store_current_version(s->dir);
	if (!v)
		return 0;
	char *p = xasprintf("%s/%s", v, name);
	int r = util_read_file(p, MANIFEST_MAX_TEXT, b, e) == 0 ? 1
		: errno == ENOENT ? 0 : -1;
	free(p);
	free(v);
	return r;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

int store_write_file(const char *path, const void *data, size_t len,
		     struct err *e)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		err_sys(e, errno, "%s", tmp);
		free(tmp);
		return -1;
	}
	if (util_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		err_sys(e, errno, "%s", tmp);
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		err_sys(e, errno, "%s", path);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	char *d = dir_of(path);
	int r = store_fsync_dir(d);
	if (r < 0)
		err_sys(e, errno, "%s: fsync", d);
	free(d);
	return r;
}

static int make_dir(const char *path, struct err *e)
{
	if (mkdir(path, 0755) < 0) {
		err_sys(e, errno, _("%s: cannot create"), path);
		return -1;
	}
	return 0;
}

static int link_file(const char *from, const char *to, struct err *e)
{
	if (link(from, to) < 0) {
		err_sys(e, errno, _("%s: cannot link to %s"), to, from);
		return -1;
	}
	return 0;
}

int store_stage(struct store *s, const struct manifest *m,
		const char *manifest_text, size_t manifest_len,
		const char *sig_text, size_t sig_len, const char *http_cache,
		char **stage_out, struct err *e)
{
	char *cur = store_current_version(s->dir);
	char *stage = xasprintf("%s/stage-%llu", s->partial, m->serial);
	char *byhash = xasprintf("%s/by-hash", stage);
	char *content = xasprintf("%s/content", stage);
	char *p = NULL;
	int r = -1;

	store_rmtree(stage);
	if (make_dir(stage, e) || make_dir(byhash, e) || make_dir(content, e))
		goto out;
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct manifest_file *f = &m->files[i];
		char *dst = xasprintf("%s/%s", byhash, f->sha256);
		struct stat st;
		int have = lstat(dst, &st) == 0; /* two names, one content */
		if (!have) {
			char *old = cur ? xasprintf("%s/by-hash/%s", cur, f->sha256)
					: NULL;
			char *src;
			if (old && lstat(old, &st) == 0 && S_ISREG(st.st_mode) &&
			    (unsigned long long)st.st_size == f->size) {
				src = old;
				old = NULL;
			} else {
				src = store_partial_path(s, f->sha256);
			}
			free(old);
			int lr = link_file(src, dst, e);
			free(src);
			if (lr < 0) {
				free(dst);
				goto out;
			}
		}
		free(p);
		p = xasprintf("%s/%s", content, f->name);
		int lr = link_file(dst, p, e);
		free(dst);
		if (lr < 0)
			goto out;
	}
	free(p);
	p = xasprintf("%s/manifest", stage);
	if (store_write_file(p, manifest_text, manifest_len, e) < 0)
		goto out;
	free(p);
	p = xasprintf("%s/manifest.minisig", stage);
	if (store_write_file(p, sig_text, sig_len, e) < 0)
		goto out;
	free(p);
	p = xasprintf("%s/.http-cache", stage);
	if (store_write_file(p, http_cache, strlen(http_cache), e) < 0)
		goto out;
	if (store_fsync_dir(byhash) < 0 || store_fsync_dir(content) < 0 ||
	    store_fsync_dir(stage) < 0 || store_fsync_dir(s->partial) < 0) {
		err_sys(e, errno, "%s: fsync", stage);
		goto out;
	}
	*stage_out = stage;
	stage = NULL;
	r = 0;
out:
	if (stage)
		store_rmtree(stage);
	free(stage);
	free(byhash);
	free(content);
	free(p);
	free(cur);
	return r;
}

int store_commit(struct store *s, const char *stage, unsigned long long serial,
		 struct err *e)
{
	char *dst = xasprintf("%s/%llu", s->dir, serial);
	int r = -1;

	if (rename(stage, dst) < 0) {
		err_sys(e, errno, _("%s: cannot move the new version in place"), dst);
		store_rmtree(stage);
		goto out;
	}
	if (store_fsync_dir(s->dir) < 0) {
		err_sys(e, errno, "%s: fsync", s->dir);
		goto undo;
	}
	/* The switch: one rename(2) of a symlink over the old one. */
	if (switch_current(s->dir, serial, e) < 0)
		goto undo;
	if (store_fsync_dir(s->dir) < 0) {
		/* Switched in memory; a power cut now may show either version,
		 * both whole. Report it, but the update itself happened. */
		err_sys(e, errno, _("%s: fsync after switch"), s->dir);
	}
	r = 0;
	prune_versions(s->dir);
	store_partial_prune(s, NULL);
	store_fsync_dir(s->partial);
	goto out;
undo:
	store_rmtree(dst);
	store_fsync_dir(s->dir);
out:
	free(dst);
	return r;
}
