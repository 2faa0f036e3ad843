/* fetch.c - see fetch.h. */
#include "config.h"

#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "net.h"

int fetch_is_url(const char *arg)
{
	const char *sep = strstr(arg, "://");
	return sep && sep > arg && !memchr(arg, '/', (size_t)(sep - arg));
}

static int read_file(const char *path, struct buf *b, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	if (fd < 0) {
		err_sys(e, errno, "%s", path);
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err_set(e, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	close(fd);
	return util_read_file(path, LOADER_MAX_FILE, b, e);
}

static int fetch_url(const char *url, struct buf *b, struct err *e)
{
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0) {
		err_set(e, "%s: only http and https addresses can be imported", url);
		return -1;
	}
	struct net_opts o = {0};
	struct net *n = net_new(&o, e);
	if (!n)
		return -1;
	struct net_req r = {.url = url, .fd = -1, .max = LOADER_MAX_FILE};
	struct net_result res;
	memset(&res, 0, sizeof res);
	int rc = net_start(n, &r, e);
	if (rc == 0) {
		while (!net_poll(n, 1000, -1))
			;
		rc = net_finish(n, &res, e);
	}
	if (rc == 0 && res.status != NET_DONE) {
		err_set(e, "%s: HTTP %ld", url, res.code);
		rc = -1;
	}
	if (rc == 0)
		buf_add(b, res.body ? res.body : "", (size_t)res.size);
	net_result_free(&res);
	net_free(n);
	return rc;
}

int fetch_input(const char *arg, struct buf *b, struct err *e)
{
	return fetch_is_url(arg) ? fetch_url(arg, b, e) : read_file(arg, b, e);
}
