/* links.c - see links.h. */
#include "config.h"

#include "links.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/uri.h>

#include "text.h"
#include "util.h"

/* The scheme of href in lower case ("" when it has none): a new string. */
static char *scheme_of(const char *href)
{
	size_t i = 0;
	if (!isalpha((unsigned char)href[0]))
		return xstrdup("");
	while (isalnum((unsigned char)href[i]) || href[i] == '+' || href[i] == '-' ||
	       href[i] == '.')
		i++;
	if (href[i] != ':')
		return xstrdup("");
	char *s = xstrndup(href, i);
	for (char *c = s; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return s;
}

/* href without its #fragment: a new string. */
static char *without_fragment(const char *href)
{
	return xstrndup(href, strcspn(href, "#"));
}

/* An absolute http(s) URL the content format accepts (no white space, no
 * control character, the scheme in lower case): a new string or NULL. */
static char *content_url(const char *url)
{
	char *scheme = scheme_of(url);
	int web = !strcmp(scheme, "http") || !strcmp(scheme, "https");
	size_t slen = strlen(scheme);
	free(scheme);
	if (!web || strncmp(url + slen, "://", 3) != 0 || !url[slen + 3])
		return NULL;
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c <= 0x20 || *c == 0x7F)
			return NULL;
	char *s = xstrdup(url);
	for (size_t i = 0; i < slen; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	return s;
}

static const struct links_input *find_input(const struct links *l, const char *addr,
					    int is_url)
{
	for (size_t i = 0; i < l->ninputs; i++)
		if (l->inputs[i].is_url == is_url && !strcmp(l->inputs[i].addr, addr))
			return &l->inputs[i];
	return NULL;
}

char *links_file_addr(const char *path)
{
	struct buf b = {0};
	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);
		buf_adds(&b, cwd ? cwd : "");
		free(cwd);
	}
	buf_addc(&b, '/');
	buf_adds(&b, path);
	char *in = buf_take(&b), *out = xmalloc(strlen(in) + 2);
	size_t o = 0;
	/* Folds "//", "/./" and "/x/../" segment by segment. */
	char *save = NULL;
	for (char *seg = strtok_r(in, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		out[o++] = '/';
		size_t k = strlen(seg);
		memcpy(out + o, seg, k);
		o += k;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	free(in);
	return out;
}

/* The id a file name gives, when the content directory has that page
 * (a new string), else NULL. */
static char *known_id(const struct links *l, const char *addr)
{
	char *id = links_id_from_name(addr, 0);
	for (size_t i = 0; id && i < l->nknown; i++)
		if (!strcmp(l->known[i], id))
			return id;
	free(id);
	return NULL;
}

/* A relative href on a file input: the file it names, if it is another
 * input, else the web address under --base-url. */
static enum links_kind resolve_on_file(const struct links *l, const char *href,
				       char **out, const char **why)
{
	char *path = xstrndup(href, strcspn(href, "?#"));
	if (path[0] && path[0] != '/') {
		char *unesc = xmlURIUnescapeString(path, 0, NULL);
		const char *dir_end = strrchr(l->self->addr, '/');
		char *joined = xasprintf("%.*s/%s", (int)(dir_end - l->self->addr),
					 l->self->addr, unesc ? unesc : path);
		char *addr = links_file_addr(joined);
		const struct links_input *to = find_input(l, addr, 0);
		char *id = to ? xstrdup(to->id) : known_id(l, addr);
		free(unesc);
		free(joined);
		free(addr);
		if (id) {
			free(path);
			*out = id;
			return LINKS_PAGE;
		}
	}
	free(path);
	if (!l->base_url) {
		*why = "a relative link to no page of this import (give --base-url)";
		return LINKS_DROP;
	}
	xmlChar *abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)l->base_url);
	char *url = abs ? content_url((const char *)abs) : NULL;
	xmlFree(abs);
	if (!url) {
		*why = "a relative link that does not resolve to an http(s) address";
		return LINKS_DROP;
	}
	*out = url;
	return LINKS_URL;
}

/* An absolute http(s) URL: a page link when it is another input. */
static enum links_kind resolve_url(const struct links *l, const char *url, char **out,
				   const char **why)
{
	char *clean = content_url(url);
	if (!clean) {
		*why = "an address with spaces or control characters";
		return LINKS_DROP;
	}
	char *bare = without_fragment(clean);
	const struct links_input *to = find_input(l, bare, 1);
	free(bare);
	if (to) {
		free(clean);
		*out = xstrdup(to->id);
		return LINKS_PAGE;
	}
	*out = clean;
	return LINKS_URL;
}

enum links_kind links_resolve(const struct links *l, const char *href_in, char **out,
			      const char **why)
{
	/* HTML allows spaces around the address */
	while (text_is_space((unsigned char)*href_in))
		href_in++;
	char *href = xstrdup(href_in);
	size_t n = strlen(href);
	while (n && text_is_space((unsigned char)href[n - 1]))
		href[--n] = '\0';
	enum links_kind k = LINKS_DROP;
	char *scheme = scheme_of(href);
	if (!href[0]) {
		*why = "an empty address";
	} else if (href[0] == '#') {
		*why = "a link within the page";
	} else if (!strcmp(scheme, "http") || !strcmp(scheme, "https")) {
		k = resolve_url(l, href, out, why);
	} else if (scheme[0]) {
		*why = "not an http(s) link";
	} else if (l->self->is_url) {
		xmlChar *abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)l->self->addr);
		if (abs) {
			k = resolve_url(l, (const char *)abs, out, why);
		} else {
			*why = "an address that does not parse";
		}
		xmlFree(abs);
	} else {
		k = resolve_on_file(l, href, out, why);
	}
	free(scheme);
	free(href);
	return k;
}

char *links_id_from_name(const char *name, int is_url)
{
	char *s = xstrndup(name, strcspn(name, "?#"));
	size_t n = strlen(s);
	while (n && s[n - 1] == '/')
		s[--n] = '\0';
	const char *seg = strrchr(s, '/');
	seg = seg ? seg + 1 : s;
	if (is_url && (strstr(s, "://") && seg == strstr(s, "://") + 3))
		; /* no path: the host names the page */
	else {
		char *dot = strrchr(seg, '.');
		if (dot && dot != seg)
			*dot = '\0';
	}
	struct buf b = {0};
	int dash = 0;
	for (const char *c = seg; *c; c++) {
		unsigned char u = (unsigned char)tolower((unsigned char)*c);
		if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
			if (dash && b.len)
				buf_addc(&b, '-');
			dash = 0;
			buf_addc(&b, (char)u);
		} else {
			dash = 1;
		}
	}
	free(s);
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}
