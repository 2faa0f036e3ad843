/* write.c - see write.h. */
#include "config.h"

#include "write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "store.h"

static int is_new(const char *name, const struct write_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(files[i].name, name))
			return 1;
	return 0;
}

static int put(const char *dir, const char *name, const char *data, size_t len, int sync,
	       struct err *e)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	int r = fd < 0 || util_write_all(fd, data, len) < 0 || (sync && fsync(fd) < 0) ? -1 : 0;
	if (r < 0)
		err_sys(e, errno, "%s", path);
	if (fd >= 0 && close(fd) < 0 && r == 0) {
		err_sys(e, errno, "%s", path);
		r = -1;
	}
	free(path);
	return r;
}

/* Writes b whole as the new file `to`. */
static int put_copy(const char *to, const struct buf *b, struct err *e)
{
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	int r = fd < 0 || util_write_all(fd, b->s, b->len) < 0 ? -1 : 0;
	if (r < 0)
		err_sys(e, errno, "%s", to);
	if (fd >= 0 && close(fd) < 0 && r == 0)
		r = (err_sys(e, errno, "%s", to), -1);
	return r;
}

/* Mirrors one entry `from` of the content directory as `to` in the stage,
 * so that checking the stage says what the reader would say of DIR: a
 * regular file as a hard link, or a copy where the stage is on another
 * filesystem; a symbolic link as the same link (the reader refuses it,
 * and so will the check); anything else as a link to it, refused too. */
static int mirror(const char *from, const char *to, struct err *e)
{
	struct stat st;
	if (lstat(from, &st) < 0)
		return err_sys(e, errno, "%s", from), -1;
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlink(from, target, sizeof target - 1);
		if (n < 0)
			return err_sys(e, errno, "%s", from), -1;
		target[n] = '\0';
		if (symlink(target, to) < 0)
			return err_sys(e, errno, "%s", to), -1;
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		if (symlink(from, to) < 0)
			return err_sys(e, errno, "%s", to), -1;
		return 0;
	}
	if (link(from, to) == 0)
		return 0;
	struct buf b = {0};
	int r = util_read_file(from, LOADER_MAX_FILE, &b, e);
	if (r == 0)
		r = put_copy(to, &b, e);
	else if (errno == EFBIG)
		r = symlink(from, to) < 0 ? (err_sys(e, errno, "%s", to), -1) : 0;
	buf_free(&b);
	return r;
}

/* Mirrors every file of DIR the import does not replace into STAGE. */
static int link_dir(const char *dir, const char *stage, const struct write_file *files,
		    size_t n, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : (err_sys(e, errno, "%s", dir), -1);
	struct dirent *de;
	int r = 0;
	while (r == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' || is_new(de->d_name, files, n))
			continue;
		char *from = xasprintf("%s/%s", dir, de->d_name);
		char *to = xasprintf("%s/%s", stage, de->d_name);
		r = mirror(from, to, e);
		free(from);
		free(to);
	}
	closedir(d);
	return r;
}

/* The message with the stage's name put back to DIR's. */
static void restate(struct err *e, const char *stage, const char *dir,
		    const struct write_file *files, size_t n, long *bad)
{
	size_t k = strlen(stage);
	if (strncmp(e->msg, stage, k) != 0 || e->msg[k] != '/')
		return;
	const char *rest = e->msg + k + 1;
	for (size_t i = 0; i < n; i++) {
		size_t f = strlen(files[i].name);
		if (!strncmp(rest, files[i].name, f) && rest[f] == ':')
			*bad = (long)i;
	}
	char *msg = xasprintf("%s/%s", dir, rest);
	snprintf(e->msg, sizeof e->msg, "%s", msg);
	free(msg);
}

int write_check(const char *dir, const struct write_file *files, size_t n, long *bad,
		struct err *e)
{
	*bad = -1;
	const char *tmp = getenv("TMPDIR");
	char *stage = xasprintf("%s/idmview-import.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(stage)) {
		err_sys(e, errno, "%s", stage);
		free(stage);
		return -1;
	}
	int r = link_dir(dir, stage, files, n, e);
	for (size_t i = 0; i < n && r == 0; i++)
		r = put(stage, files[i].name, files[i].data, files[i].len, 0, e);
	if (r == 0 && loader_check_dir(stage, e) < 0) {
		restate(e, stage, dir, files, n, bad);
		r = -1;
	}
	store_rmtree(stage);
	free(stage);
	return r;
}

/* The file is there with these bytes already. */
static int unchanged(const char *path, const struct write_file *f)
{
	struct buf b = {0};
	struct err e;
	int same = util_read_file(path, f->len, &b, &e) == 0 && b.len == f->len &&
		   (f->len == 0 || !memcmp(b.s, f->data, f->len));
	buf_free(&b);
	return same;
}

int write_commit(const char *dir, const struct write_file *files, size_t n,
		 struct err *e)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		err_sys(e, errno, "%s", dir);
		return -1;
	}
	char **tmp = xcalloc(n, sizeof *tmp);
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++) {
		char *path = xasprintf("%s/%s", dir, files[i].name);
		if (!unchanged(path, &files[i])) {
			char *name = xasprintf(".%s.import-%ld", files[i].name, (long)getpid());
			r = put(dir, name, files[i].data, files[i].len, 1, e);
			tmp[i] = xasprintf("%s/%s", dir, name);
			free(name);
		}
		free(path);
	}
	for (size_t i = 0; i < n && r == 0; i++) {
		if (!tmp[i])
			continue;
		char *path = xasprintf("%s/%s", dir, files[i].name);
		if (rename(tmp[i], path) < 0) {
			err_sys(e, errno, "%s", path);
			r = -1;
		} else {
			free(tmp[i]);
			tmp[i] = NULL;
		}
		free(path);
	}
	if (r == 0 && store_fsync_dir(dir) < 0) {
		err_sys(e, errno, "%s", dir);
		r = -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	return r;
}
