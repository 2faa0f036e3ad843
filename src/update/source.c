/* source.c - see source.h. */
#include "config.h"

#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "localsrc.h"
#include "redact.h"

struct source {
	char **urls;
	size_t n, cur;
	struct net *net;         /* made at the first http(s) mirror read */
	struct net_opts net_opts;
	struct localsrc *local;
	int local_cur;           /* the transfer under way reads a directory */
};

struct source *source_new(char *const *urls, size_t n, const struct net_opts *o)
{
	struct source *s = xcalloc(1, sizeof *s);
	s->urls = xcalloc(n ? n : 1, sizeof *s->urls);
	for (size_t i = 0; i < n; i++)
		s->urls[i] = xstrdup(urls[i]);
	s->n = n;
	s->net_opts = *o;
	s->local = localsrc_new();
	return s;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	net_free(s->net);
	localsrc_free(s->local);
	for (size_t i = 0; i < s->n; i++)
		free(s->urls[i]);
	free(s->urls);
	free(s);
}

size_t source_count(const struct source *s)
{
	return s->n;
}

int source_next(struct source *s)
{
	if (s->cur < s->n)
		s->cur++;
	return s->cur < s->n;
}

char *source_mirror(const struct source *s)
{
	return s->cur < s->n ? redact_text(s->urls[s->cur]) : NULL;
}

int source_is_local(const struct source *s)
{
	return s->cur < s->n && localsrc_is_local(s->urls[s->cur]);
}

/* The address itself, credentials and all: for libcurl only. */
static char *file_url(const struct source *s, const char *rest)
{
	const char *base = s->cur < s->n ? s->urls[s->cur] : NULL;
	size_t n = base ? strlen(base) : 0;
	while (n > 0 && base[n - 1] == '/')
		n--;
	return xasprintf("%.*s/%s", (int)n, base ? base : "", rest);
}

char *source_file_url(const struct source *s, const char *rest)
{
	char *url = file_url(s, rest);
	char *shown = redact_text(url);
	free(url);
	return shown;
}

int source_start(struct source *s, const char *rest, struct net_req *r, struct err *e)
{
	s->local_cur = source_is_local(s);
	if (s->local_cur)
		return localsrc_start(s->local, s->urls[s->cur], rest, r, e);
	if (!s->net && !(s->net = net_new(&s->net_opts, e)))
		return -1;
	char *url = file_url(s, rest);
	r->url = url;
	int rc = net_start(s->net, r, e);
	r->url = NULL;
	free(url);
	return rc;
}

int source_poll(struct source *s, int timeout_ms, int extra_fd)
{
	return s->local_cur ? localsrc_poll(s->local) : net_poll(s->net, timeout_ms, extra_fd);
}

int source_finish(struct source *s, struct net_result *res, struct err *e)
{
	return s->local_cur ? localsrc_finish(s->local, res, e) : net_finish(s->net, res, e);
}

void source_cancel(struct source *s)
{
	localsrc_cancel(s->local);
	if (s->net)
		net_cancel(s->net);
}

unsigned long long source_received(const struct source *s)
{
	return s->local_cur ? localsrc_received(s->local) : s->net ? net_received(s->net) : 0;
}
