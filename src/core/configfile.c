/* configfile.c - see configfile.h. */
#include "config.h"

#include "configfile.h"

#include "i18n.h"
#include "redact.h"

#include <errno.h>
#include <pwd.h>
#include <unistd.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 4096
/* A configuration is a few dozen lines; this only bounds a hostile one. */
#define CONFIG_MAX_FILE (1024 * 1024)

enum key_type {
	KEY_STRING,   /* char * */
	KEY_LIST,     /* char ** + size_t count right after it */
	KEY_BOOL,     /* int */
	KEY_RATE,     /* long long, bytes per second, k/M suffixes */
	KEY_SECONDS,  /* long, 1..86400 */
	KEY_CHOICE,   /* int: the index of the value in `choices` */
	KEY_LANG,     /* char *: a language tag, letters, digits and hyphens */
	KEY_IDLE,     /* long, seconds 0..86400, 0 = off */
	KEY_INTERVAL, /* long seconds; minutes 0..10080, or "Ns" seconds */
	KEY_KEYS,     /* char *, a key sequence (config_key_sequence) */
};

struct key {
	const char *name;
	enum key_type type;
	size_t offset;
	size_t count_offset; /* KEY_LIST only */
	const char *const *choices; /* KEY_CHOICE only: NULL-terminated */
};

#define FIELD(f) offsetof(struct config, f)

/* In the order of enum bidi_mode and enum config_theme. */
static const char *const bidi_choices[] = {"auto", "on", "off", NULL};
static const char *const theme_choices[] = {"default", "high-contrast", "monochrome", NULL};

/* The one table of keys. */
static const struct key keys[] = {
	{"update_url", KEY_LIST, FIELD(update_urls), FIELD(nupdate_urls), NULL},
	{"trusted_key", KEY_STRING, FIELD(trusted_key), 0, NULL},
	{"store", KEY_STRING, FIELD(store), 0, NULL},
	{"max_rate", KEY_RATE, FIELD(max_rate), 0, NULL},
	{"stall_timeout", KEY_SECONDS, FIELD(stall_timeout), 0, NULL},
	{"transfer_timeout", KEY_SECONDS, FIELD(transfer_timeout), 0, NULL},
	{"credentials_file", KEY_STRING, FIELD(credentials_file), 0, NULL},
	{"offline", KEY_BOOL, FIELD(offline), 0, NULL},
	{"kiosk", KEY_BOOL, FIELD(kiosk), 0, NULL},
	{"idle_timeout", KEY_IDLE, FIELD(idle_timeout), 0, NULL},
	{"update_interval", KEY_INTERVAL, FIELD(update_interval), 0, NULL},
	{"admin_exit", KEY_KEYS, FIELD(admin_exit), 0, NULL},
	{"print_command", KEY_STRING, FIELD(print_command), 0, NULL},
	{"bidi", KEY_CHOICE, FIELD(bidi), 0, bidi_choices},
	{"accessible", KEY_BOOL, FIELD(accessible), 0, NULL},
	{"theme", KEY_CHOICE, FIELD(theme), 0, theme_choices},
	{"lang", KEY_LANG, FIELD(lang), 0, NULL},
};

#define NKEYS (sizeof keys / sizeof keys[0])

void config_init(struct config *c)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	memset(c, 0, sizeof *c);
	if (!home || !home[0]) {
		/* a kiosk started without HOME: the account's home, not "." */
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (xdg && xdg[0] == '/')
		c->store = xasprintf("%s/idmview/store", xdg);
	else
		c->store = xasprintf("%s/.local/share/idmview/store",
				     home && home[0] ? home : ".");
	c->trusted_key = xstrdup(IDM_SYSCONFDIR "/idmview/trusted.pub");
	c->stall_timeout = 30;
	c->transfer_timeout = 300;
	c->idle_timeout = 120;
	c->update_interval = 360 * 60;
}

int config_key_sequence(const char *value, int *out, size_t n)
{
	size_t k = 0;
	for (const char *p = value; *p; p++) {
		int key = (unsigned char)*p;
		if (key == '^') {
			p++;
			if (*p == '^')
				key = '^';
			else if ((*p >= '@' && *p <= '_') || (*p >= 'a' && *p <= 'z'))
				key = *p & 0x1f;
			else
				return -1;
		} else if (key < 0x21 || key > 0x7e) {
			return -1; /* printable ASCII only: a kiosk keyboard types it */
		}
		if (k == n)
			return -1;
		out[k++] = key;
	}
	return (int)k;
}

void config_begin_source(struct config *c)
{
	c->list_source = 0;
}

static int parse_bool(const char *v, int *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"};
	static const char *no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(v, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(v, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

static int parse_number(const char *v, long long max, long long *out,
			const char **suffix)
{
	char *end;
	if (v[0] < '0' || v[0] > '9')
		return -1;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno || n > max)
		return -1;
	*out = n;
	*suffix = end;
	return 0;
}

/* Long because it is one switch over the kinds of key in the table
 * (URL list, path, flag, rate, seconds, choice, language, ...): each case
 * checks its kind of value and says in its own words what it takes. */
int config_set(struct config *c, const char *key, const char *value,
	       const char *where, struct err *e)
{
	const struct key *k = NULL;
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, key) == 0)
			k = &keys[i];
	if (!k) {
		/* TRANSLATORS: the first %s of a configuration error says where:
		 * FILE:LINE or an option (--update-url); keep it first, as it
		 * is. The key names (update_url, offline...), yes, no and the
		 * suffixes k, M and s are what the reader writes: keep them. */
		err_set(e, _("%s: unknown key \"%s\""), where, key);
		return -1;
	}
	char *base = (char *)c;
	const char *suffix;
	long long n;
	switch (k->type) {
	case KEY_STRING: {
		char **f = (char **)(void *)(base + k->offset);
		if (!value[0]) {
			err_set(e, _("%s: %s needs a value"), where, key);
			return -1;
		}
		free(*f);
		*f = xstrdup(value);
		return 0;
	}
	case KEY_LIST: {
		char ***f = (char ***)(void *)(base + k->offset);
		size_t *count = (size_t *)(void *)(base + k->count_offset);
		unsigned bit = 1u << (k - keys);
		if (!value[0]) {
			err_set(e, _("%s: %s needs a value"), where, key);
			return -1;
		}
		/* A local directory only ever comes from here, never from a
		 * server (net.c follows no redirect to file://). */
		if (strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0 &&
		    strncmp(value, "file:///", 8) != 0 && value[0] != '/') {
			char *shown = redact_text(value);
			err_set(e, _("%s: %s must be an http:// or https:// URL, or a "
				     "directory (file:///DIR or /DIR): %s"),
				where, key, shown);
			free(shown);
			return -1;
		}
		if (!(c->list_source & bit)) {
			for (size_t i = 0; i < *count; i++)
				free((*f)[i]);
			*count = 0;
			c->list_source |= bit;
		}
		*f = xrealloc(*f, (*count + 1) * sizeof **f);
		(*f)[(*count)++] = xstrdup(value);
		return 0;
	}
	case KEY_BOOL:
		if (parse_bool(value, (int *)(void *)(base + k->offset)) < 0) {
			err_set(e, _("%s: %s must be yes or no, not \"%s\""), where,
				key, value);
			return -1;
		}
		return 0;
	case KEY_RATE:
		if (parse_number(value, LLONG_MAX / (1024 * 1024), &n, &suffix) < 0 ||
		    (suffix[0] && suffix[1])) {
			err_set(e, _("%s: %s must be bytes per second (suffix k or M "
				   "allowed), not \"%s\""), where, key, value);
			return -1;
		}
		if (suffix[0] == 'k' || suffix[0] == 'K')
			n *= 1024;
		else if (suffix[0] == 'M')
			n *= 1024 * 1024;
		else if (suffix[0]) {
			err_set(e, _("%s: %s: unknown suffix \"%s\" (k or M)"), where,
				key, suffix);
			return -1;
		}
		*(long long *)(void *)(base + k->offset) = n;
		return 0;
	case KEY_SECONDS:
		if (parse_number(value, 86400, &n, &suffix) < 0 || suffix[0] ||
		    n < 1) {
			err_set(e, _("%s: %s must be whole seconds from 1 to 86400, "
				   "not \"%s\""), where, key, value);
			return -1;
		}
		*(long *)(void *)(base + k->offset) = (long)n;
		return 0;
	case KEY_CHOICE: {
		for (size_t i = 0; k->choices[i]; i++)
			if (strcmp(value, k->choices[i]) == 0) {
				*(int *)(void *)(base + k->offset) = (int)i;
				return 0;
			}
		struct buf b = {0};
		for (size_t i = 0; k->choices[i]; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", k->choices[i]);
		err_set(e, _("%s: %s must be one of %s, not \"%s\""), where, key, b.s, value);
		buf_free(&b);
		return -1;
	}
	case KEY_LANG: {
		size_t len = strlen(value), i;
		for (i = 0; i < len; i++) {
			char ch = value[i];
			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			      (ch >= '0' && ch <= '9') || (ch == '-' && i > 0)))
				break;
		}
		if (!len || i < len || len > 35) {
			err_set(e, _("%s: %s must be a language code such as fr or ar, not \"%s\""),
				where, key, value);
			return -1;
		}
		char **f = (char **)(void *)(base + k->offset);
		free(*f);
		*f = xstrdup(value);
		return 0;
	}
	case KEY_IDLE:
		if (parse_number(value, 86400, &n, &suffix) < 0 || suffix[0]) {
			err_set(e, _("%s: %s must be whole seconds from 0 (off) to 86400, "
				   "not \"%s\""), where, key, value);
			return -1;
		}
		*(long *)(void *)(base + k->offset) = (long)n;
		return 0;
	case KEY_INTERVAL:
		/* Minutes for staff; the "s" suffix exists so that tests need
		 * not wait minutes. */
		if (parse_number(value, 10080L * 60, &n, &suffix) < 0 ||
		    (suffix[0] && strcmp(suffix, "s") != 0) ||
		    (!suffix[0] && n > 10080)) {
			err_set(e, _("%s: %s must be whole minutes from 0 (off) to 10080, "
				   "or seconds with an s suffix, not \"%s\""), where, key, value);
			return -1;
		}
		*(long *)(void *)(base + k->offset) = (long)(suffix[0] ? n : n * 60);
		return 0;
	case KEY_KEYS: {
		int seq[64];
		int len = config_key_sequence(value, seq, sizeof seq / sizeof seq[0]);
		/* Short sequences are typed by accident (or by a visitor). */
		if (len < 3) {
			err_set(e, _("%s: %s must be 3 to 64 printable keys (^X for Ctrl-X), "
				   "not \"%s\""), where, key, value);
			return -1;
		}
		char **f = (char **)(void *)(base + k->offset);
		free(*f);
		*f = xstrdup(value);
		return 0;
	}
	}
	return -1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* One line (no newline; `len` bytes, NUL bytes included) of a file. */
static int config_line(struct config *c, char *line, size_t len, const char *where,
		       struct err *e)
{
	if (memchr(line, '\0', len)) {
		err_set(e, _("%s: a NUL byte; a configuration file is text"), where);
		return -1;
	}
	if (len > MAX_LINE) {
		err_set(e, _("%s: line too long"), where);
		return -1;
	}
	char *s = trim(line);
	if (!s[0] || s[0] == '#')
		return 0;
	char *eq = strchr(s, '=');
	if (!eq) {
		err_set(e, _("%s: expected \"key = value\""), where);
		return -1;
	}
	*eq = '\0';
	char *key = trim(s), *value = trim(eq + 1);
	if (!key[0]) {
		err_set(e, _("%s: no key before \"=\""), where);
		return -1;
	}
	return config_set(c, key, value, where, e);
}

/* The file is read whole through util_read_file, which refuses what is
 * not a regular file without waiting: a FIFO named as the configuration
 * must not hang a kiosk's start. */
int config_read_file(struct config *c, const char *path, int must_exist,
		     struct err *e)
{
	struct buf b = {0};
	if (util_read_file(path, CONFIG_MAX_FILE, &b, e) < 0) {
		int missing = errno == ENOENT;
		buf_free(&b);
		return missing && !must_exist ? 0 : -1;
	}
	buf_add(&b, "", 1); /* a terminating NUL after the last line */
	config_begin_source(c);
	int lineno = 0, r = 0;
	char *p = b.s, *end = b.s + b.len - 1;
	while (p < end && r == 0) {
		char where[PATH_MAX + 32];
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *eol = nl ? nl : end;
		*eol = '\0';
		snprintf(where, sizeof where, "%s:%d", path, ++lineno);
		r = config_line(c, p, (size_t)(eol - p), where, e);
		p = eol + 1;
	}
	buf_free(&b);
	config_begin_source(c);
	return r;
}

int config_load(struct config *c, const char *path, struct err *e)
{
	if (path)
		return config_read_file(c, path, 1, e);
	if (config_read_file(c, IDM_SYSCONFDIR "/idmview.conf", 0, e) < 0)
		return -1;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *user;
	if (xdg && xdg[0] == '/')
		user = xasprintf("%s/idmview/config", xdg);
	else if (home && home[0])
		user = xasprintf("%s/.config/idmview/config", home);
	else
		return 0;
	int r = config_read_file(c, user, 0, e);
	free(user);
	return r;
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->nupdate_urls; i++)
		free(c->update_urls[i]);
	free(c->update_urls);
	free(c->trusted_key);
	free(c->store);
	free(c->credentials_file);
	free(c->lang);
	free(c->admin_exit);
	free(c->print_command);
	memset(c, 0, sizeof *c);
}

size_t config_split_list(const char *value, size_t max, char ***items)
{
	size_t n = 0;
	*items = xcalloc(max ? max : 1, sizeof **items);
	for (const char *p = value; p && *p && n < max;) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);
		const char *s = p;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		const char *t = end;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t > s)
			(*items)[n++] = xstrndup(s, (size_t)(t - s));
		p = comma ? comma + 1 : end;
	}
	return n;
}

void config_list_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}
