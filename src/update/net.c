/* net.c - see net.h. The only file that includes curl.h. */
#include "config.h"

#include "net.h"

#include "i18n.h"
#include "redact.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_REDIRS 5L
#define MAX_HEADER 8192

struct net {
	CURLM *multi;
	CURL *easy;
	struct net_opts o;
	struct curl_slist *headers;
	int running;     /* a transfer is attached */
	int ended;       /* ... and it has ended */
	CURLcode result;
	/* the transfer */
	int fd;
	unsigned long long offset, max, written;
	unsigned long long received;
	int first_write;
	int capped;      /* aborted: body over the cap */
	int write_errno; /* aborted: write(2) failed */
	long code;
	struct buf body;
	char *etag, *last_modified;
	char errbuf[CURL_ERROR_SIZE];
	char *url;
	long deadline;             /* seconds the whole transfer may take */
	struct timespec started;
};

static int curl_ready;

struct net *net_new(const struct net_opts *o, struct err *e)
{
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			err_set(e, _("libcurl could not be initialised"));
			return NULL;
		}
		curl_ready = 1;
	}
	struct net *n = xcalloc(1, sizeof *n);
	n->o = *o;
	if (n->o.connect_timeout <= 0)
		n->o.connect_timeout = 20;
	if (n->o.stall_timeout <= 0)
		n->o.stall_timeout = 30;
	if (n->o.min_deadline <= 0)
		n->o.min_deadline = 300;
	n->multi = curl_multi_init();
	n->easy = curl_easy_init();
	if (!n->multi || !n->easy) {
		err_set(e, _("libcurl could not be initialised"));
		net_free(n);
		return NULL;
	}
	n->fd = -1;
	return n;
}

static void reset_transfer(struct net *n)
{
	if (n->running)
		curl_multi_remove_handle(n->multi, n->easy);
	n->running = n->ended = 0;
	curl_slist_free_all(n->headers);
	n->headers = NULL;
	buf_free(&n->body);
	free(n->etag);
	free(n->last_modified);
	free(n->url);
	n->etag = n->last_modified = n->url = NULL;
}

void net_free(struct net *n)
{
	if (!n)
		return;
	reset_transfer(n);
	if (n->easy)
		curl_easy_cleanup(n->easy);
	if (n->multi)
		curl_multi_cleanup(n->multi);
	free(n);
}

void net_cancel(struct net *n)
{
	reset_transfer(n);
}

unsigned long long net_received(const struct net *n)
{
	return n->running ? n->received : 0;
}

static size_t on_write(char *data, size_t size, size_t nmemb, void *arg)
{
	struct net *n = arg;
	size_t len = size * nmemb;

	n->received += len;
	if (n->first_write) {
		n->first_write = 0;
		curl_easy_getinfo(n->easy, CURLINFO_RESPONSE_CODE, &n->code);
		if (n->code == 200 && n->offset > 0 && n->fd >= 0) {
			/* The server ignored our Range: start the file again. */
			if (ftruncate(n->fd, 0) < 0 ||
			    lseek(n->fd, 0, SEEK_SET) < 0) {
				n->write_errno = errno;
				return 0;
			}
			n->offset = 0;
		}
	}
	if (n->code != 200 && n->code != 206) {
		/* An error page: never stored, but bounded. */
		return n->received > 65536 ? 0 : len;
	}
	if (n->offset + n->written + len > n->max) {
		n->capped = 1;
		return 0; /* aborts the transfer */
	}
	if (n->fd >= 0) {
		if (util_write_all(n->fd, data, len) < 0) {
			n->write_errno = errno;
			return 0;
		}
	} else {
		buf_add(&n->body, data, len);
	}
	n->written += len;
	return len;
}

static char *header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);
	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	const char *v = line + nl + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (end - v > 512)
		return NULL;
	return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct net *n = arg;
	size_t len = size * nmemb;
	char *v;
	/* A new response (after a redirect) starts with its status line. */
	if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(n->etag);
		free(n->last_modified);
		n->etag = n->last_modified = NULL;
	}
	if ((v = header_value(data, len, "ETag"))) {
		free(n->etag);
		n->etag = v;
	} else if ((v = header_value(data, len, "Last-Modified"))) {
		free(n->last_modified);
		n->last_modified = v;
	}
	return len;
}

/* The seconds a transfer of `bytes` may take in all: the minimum, and
 * the time the bytes need at the slowest rate granted (NET_SLOW_RATE, or
 * half of max_rate when that is slower). */
static long deadline_for(const struct net_opts *o, unsigned long long bytes)
{
	unsigned long long rate = NET_SLOW_RATE;
	if (o->max_rate > 0 && (unsigned long long)o->max_rate / 2 < rate)
		rate = o->max_rate > 1 ? (unsigned long long)o->max_rate / 2 : 1;
	unsigned long long s = bytes / rate + 1;
	/* Past a year it is no deadline any more; keep it in a long. */
	if (s > 366ull * 86400)
		s = 366ull * 86400;
	return o->min_deadline + (long)s;
}

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int net_start(struct net *n, const struct net_req *r, struct err *e)
{
	CURL *c = n->easy;
	char range[48];

	reset_transfer(n);
	curl_easy_reset(c);
	n->fd = r->fd;
	n->offset = r->fd >= 0 ? r->offset : 0;
	n->max = r->max;
	n->written = n->received = 0;
	n->first_write = 1;
	n->capped = n->write_errno = 0;
	n->code = 0;
	n->errbuf[0] = '\0';
	/* The name messages use: never the credentials the URL may carry. */
	n->url = redact_text(r->url);

	curl_easy_setopt(c, CURLOPT_URL, r->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS,
			 CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, n->o.connect_timeout);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, n->o.stall_timeout);
	/* A stall is caught above; a drip fast enough not to stall is
	 * caught here: the whole transfer has a deadline. */
	n->deadline = deadline_for(&n->o, n->max > n->offset ? n->max - n->offset : 0);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, n->deadline);
	clock_gettime(CLOCK_MONOTONIC, &n->started);
	if (n->o.max_rate > 0)
		curl_easy_setopt(c, CURLOPT_MAX_RECV_SPEED_LARGE,
				 (curl_off_t)n->o.max_rate);
	if (n->o.netrc) {
		/* A mirror's user and password from the credentials file,
		 * never from the configuration or the command line. */
		curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		curl_easy_setopt(c, CURLOPT_NETRC_FILE, n->o.netrc);
	}
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE "/" VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, n);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, n);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, n->errbuf);
	/* No CURLOPT_MAXFILESIZE: it would also cut error pages short and
	 * hide their status, and without a Content-Length it does nothing;
	 * on_write is the cap. */
	if (n->offset > 0) {
		snprintf(range, sizeof range, "%llu-", n->offset);
		curl_easy_setopt(c, CURLOPT_RANGE, range);
		if (lseek(n->fd, (off_t)n->offset, SEEK_SET) < 0) {
			err_set(e, "%s: seek: %s", n->url, strerror(errno));
			return -1;
		}
	}
	if (r->etag && r->etag[0]) {
		char *h = xasprintf("If-None-Match: %s", r->etag);
		n->headers = curl_slist_append(n->headers, h);
		free(h);
	}
	if (r->last_modified && r->last_modified[0]) {
		char *h = xasprintf("If-Modified-Since: %s", r->last_modified);
		n->headers = curl_slist_append(n->headers, h);
		free(h);
	}
	if (n->headers)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, n->headers);
	if (curl_multi_add_handle(n->multi, c) != CURLM_OK) {
		err_set(e, _("%s: cannot start the transfer"), n->url);
		return -1;
	}
	n->running = 1;
	return 0;
}

/* Lets libcurl move the transfer on, and notes whether it has ended. */
static void perform(struct net *n)
{
	int still = 0, msgs;
	CURLMsg *m;
	curl_multi_perform(n->multi, &still);
	while ((m = curl_multi_info_read(n->multi, &msgs)))
		if (m->msg == CURLMSG_DONE) {
			n->result = m->data.result;
			n->ended = 1;
		}
}

int net_poll(struct net *n, int timeout_ms, int extra_fd)
{
	if (!n->running)
		return 1;
	if (n->ended)
		return 1;
	perform(n);
	if (n->ended)
		return 1;
	struct curl_waitfd wfd = {0};
	unsigned nwfd = 0;
	if (extra_fd >= 0) {
		wfd.fd = extra_fd;
		wfd.events = CURL_WAIT_POLLIN;
		nwfd = 1;
	}
	curl_multi_poll(n->multi, nwfd ? &wfd : NULL, nwfd, timeout_ms, NULL);
	perform(n);
	return n->ended;
}

int net_finish(struct net *n, struct net_result *res, struct err *e)
{
	curl_off_t body = 0;
	long hdr = 0;
	memset(res, 0, sizeof *res);
	curl_easy_getinfo(n->easy, CURLINFO_SIZE_DOWNLOAD_T, &body);
	curl_easy_getinfo(n->easy, CURLINFO_HEADER_SIZE, &hdr);
	curl_easy_getinfo(n->easy, CURLINFO_RESPONSE_CODE, &res->code);
	res->wire = (unsigned long long)body + (unsigned long long)hdr;
	res->size = n->offset + n->written;
	const char *url = n->url ? n->url : "?";
	int r = -1;

	if (!n->ended) {
		err_set(e, _("%s: transfer not finished"), url);
	} else if (n->capped) {
		err_set(e, _("%s: larger than the %llu bytes expected"), url, n->max);
	} else if (n->write_errno) {
		err_sys(e, n->write_errno, _("%s: cannot store"), url);
	} else if (n->result == CURLE_OPERATION_TIMEDOUT &&
		   since(&n->started) + 0.5 >= (double)n->deadline) {
		/* the slack: libcurl's timers may fire a hair before the
		 * deadline by our clock (update-drip.sh saw it under load) */
		/* TRANSLATORS: %s is a URL; then seconds and bytes;
		 * transfer_timeout is the configuration key that sets the
		 * least seconds: keep it. */
		err_set(e, _("%s: not finished after %ld s (%llu bytes expected), "
			     "abandoned (transfer_timeout)"),
			url, n->deadline, n->max);
	} else if (n->result == CURLE_OPERATION_TIMEDOUT) {
		/* TRANSLATORS: %s is a URL; stall_timeout is the configuration
		 * key that sets the seconds: keep it. */
		err_set(e, _("%s: no data for %ld s, abandoned (stall_timeout)"), url,
			n->o.stall_timeout);
	} else if (n->result == CURLE_TOO_MANY_REDIRECTS) {
		err_set(e, _("%s: more than %ld redirects"), url, MAX_REDIRS);
	} else if (n->result == CURLE_UNSUPPORTED_PROTOCOL) {
		err_set(e, _("%s: refused: only http and https are followed (%s)"),
			url, n->errbuf[0] ? n->errbuf : _("unsupported protocol"));
	} else if (n->result == CURLE_FILESIZE_EXCEEDED) {
		err_set(e, _("%s: larger than the %llu bytes expected"), url, n->max);
	} else if (n->result != CURLE_OK) {
		err_set(e, "%s: %s", url,
			n->errbuf[0] ? n->errbuf : curl_easy_strerror(n->result));
	} else if (res->code == 304 && (n->headers)) {
		res->status = NET_NOT_MODIFIED;
		r = 0;
	} else if (res->code == 416 && n->offset > 0) {
		if (ftruncate(n->fd, 0) < 0) {
			err_sys(e, errno, _("%s: cannot store"), url);
		} else {
			res->status = NET_RESTART;
			res->size = 0;
			r = 0;
		}
	} else if (res->code == 200 || (res->code == 206 && n->offset > 0)) {
		res->status = NET_DONE;
		r = 0;
	} else {
		err_set(e, "%s: HTTP %ld", url, res->code);
	}
	if (r < 0)
		redact_err(e); /* libcurl's own words may quote the URL */
	if (r == 0 && res->status == NET_DONE && n->fd < 0) {
		res->body = buf_take(&n->body);
		res->size = n->written;
	}
	if (r == 0) {
		res->etag = n->etag;
		res->last_modified = n->last_modified;
		n->etag = n->last_modified = NULL;
	}
	reset_transfer(n);
	return r;
}

void net_result_free(struct net_result *res)
{
	free(res->body);
	free(res->etag);
	free(res->last_modified);
	memset(res, 0, sizeof *res);
}

int net_secret_file_check(const char *path, struct err *e)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err_sys(e, errno, _("%s: the credentials file cannot be opened"), path);
		return -1;
	}
	int r = fstat(fd, &st);
	close(fd);
	if (r < 0) {
		err_sys(e, errno, "%s", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(e, _("%s: the credentials file is not a regular file: refused"),
			path);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		err_set(e, _("%s: the credentials file belongs to user %lu, not to this "
			     "user (%lu): refused (chown it)"),
			path, (unsigned long)st.st_uid, (unsigned long)geteuid());
		return -1;
	}
	if (st.st_mode & 077) {
		err_set(e, _("%s: the credentials file may be read or changed by others "
			     "(mode %04o): refused (chmod 600 %s)"),
			path, (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	return 0;
}
