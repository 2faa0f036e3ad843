/* status_main.c - `idmview --status[=FORMAT]`: the store's state for
 * people (text), for scripts (json) and for Prometheus (node_exporter's
 * textfile collector). The schemas are in idmview(1) STATUS; a change to
 * them is a change of contract. Reads only: no lock, no network. */
#include "config.h"

#include "status.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "floor.h"
#include "i18n.h"
#include "keystore.h"
#include "layout.h"
#include "manifest.h"
#include "redact.h"
#include "store_read.h"
#include "utf8.h"

/* What --status reports, gathered once for the three formats. */
struct report {
	const char *store;
	int exists;              /* the store directory is there */
	int installed;
	struct manifest m;       /* when installed */
	struct status st;
	time_t now;              /* the clock, or the floor's time if later */
	struct floor floor;      /* what the store proves (floor.h) */
	int clock_behind;        /* the clock is before floor.created */
	struct keystore keys;    /* key rotation's records (keystore.h) */
	int keys_bad;            /* STORE/keys is malformed: keys_err says how */
	struct err keys_err;
};

int status_format_ok(const char *format)
{
	return !strcmp(format, "text") || !strcmp(format, "json") ||
	       !strcmp(format, "prometheus");
}

static void time_text(time_t t, char out[21])
{
	manifest_time_format(t, out);
}

/* --- text ------------------------------------------------------------ */

/* A value that came from outside (an error naming a server's answer, a
 * URL) reaches the terminal only neutralised. */
static void put_safe(const char *text, int flags)
{
	struct buf b = {0};
	int space = 1;
	char *s = redact_text(text); /* a record an older version wrote */
	layout_sanitize(s, strlen(s), flags, &space, &b);
	fputs(b.s ? b.s : "", stdout);
	buf_free(&b);
	free(s);
}

/* Key rotation, when it has recorded anything: which keys were announced
 * and which retired, by id as minisign prints them. */
static void print_keys(const struct report *r, int flags)
{
	char id[17], by[17];
	if (r->keys_bad) {
		printf(_("keys: "));
		put_safe(r->keys_err.msg, flags);
		putchar('\n');
	}
	for (size_t i = 0; i < r->keys.nnext; i++) {
		minisign_keyid_hex(r->keys.next[i].key.id, id);
		minisign_keyid_hex(r->keys.next[i].by, by);
		/* TRANSLATORS: --status; both %s are minisign key ids. */
		printf(_("announced key: %s (by %s)\n"), id, by);
	}
	for (size_t i = 0; i < r->keys.nretired; i++) {
		minisign_keyid_hex(r->keys.retired[i], id);
		printf(_("retired key: %s\n"), id);
	}
}

static void print_text(const struct report *r)
{
	int flags = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? 0 : LAYOUT_ASCII;
	char t[21];
	/* TRANSLATORS: --status. Each line is "label: value"; keep the
	 * values' formats (dates as 2025-06-01T12:00:00Z). */
	printf(_("store: "));
	put_safe(r->store, flags);
	if (!r->exists)
		printf(" %s", _("(not created yet: no update has run)"));
	putchar('\n');
	if (r->installed) {
		printf(_("current serial: %llu\n"), r->m.serial);
		if (r->m.updated[0])
			printf(_("content date: %s\n"), r->m.updated);
		time_text(r->m.expires, t);
		if (r->now > r->m.expires)
			printf(_("manifest expires: %s (expired: the next update must bring "
				 "a newer one)\n"), t);
		else
			printf(_("manifest expires: %s\n"), t);
	} else {
		printf("%s\n", _("current serial: none (nothing installed; the bundled "
				 "content is shown)"));
	}
	if (!r->st.checked) {
		printf("%s\n", _("last check: never"));
	} else {
		time_text(r->st.check_time, t);
		if (r->st.ok && r->st.serial_after != r->st.serial_before)
			printf(_("last check: %s, ok: serial %llu -> %llu, %llu bytes\n"), t,
			       r->st.serial_before, r->st.serial_after, r->st.bytes);
		else if (r->st.ok)
			printf(_("last check: %s, ok: already current, %llu bytes\n"), t,
			       r->st.bytes);
		else {
			printf(_("last check: %s, failed: "), t);
			put_safe(r->st.error ? r->st.error : "?", flags);
			putchar('\n');
		}
		if (r->st.ok && r->st.source) {
			printf(_("source: "));
			put_safe(r->st.source, flags);
			putchar('\n');
		}
	}
	if (r->st.success_time) {
		time_text(r->st.success_time, t);
		printf(_("last success: %s (serial %llu)\n"), t, r->st.success_serial);
	} else {
		printf("%s\n", _("last success: never"));
	}
	if (r->clock_behind) {
		char c[21];
		time_text(time(NULL), c);
		time_text(r->floor.created, t);
		printf(_("clock: WRONG: %s is behind the newest installed manifest, made "
			 "%s; that time is taken as now (set the clock)\n"), c, t);
	}
	print_keys(r, flags);
}

/* --- json ------------------------------------------------------------ */

/* A JSON string: UTF-8 kept, invalid bytes as U+FFFD, controls escaped. */
static void json_str(const char *text)
{
	char *s = redact_text(text);
	size_t n = strlen(s);
	putchar('"');
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == '"' || cp == '\\')
			printf("\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", stdout);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
			 cp == 0x2028 || cp == 0x2029)
			printf("\\u%04x", (unsigned)cp);
		else {
			char out[4];
			fwrite(out, 1, utf8_encode(cp, out), stdout);
		}
		i += len;
	}
	putchar('"');
	free(s);
}

static void json_time(const char *key, time_t t, int last)
{
	char s[21];
	time_text(t, s);
	printf("\"%s\": \"%s\", \"%s_unix\": %lld%s", key, s, key, (long long)t,
	       last ? "" : ", ");
}

static void json_serial(unsigned long long v)
{
	if (v)
		printf("%llu", v);
	else
		fputs("null", stdout);
}

/* Key rotation's records: "keys": {"ok", "error", "announced": [{"key",
 * "by"}], "retired": [ids]}, ids as minisign prints them. */
static void json_keys(const struct report *r)
{
	char id[17], by[17];
	printf(",\n  \"keys\": {\"ok\": %s, \"error\": ", r->keys_bad ? "false" : "true");
	if (r->keys_bad)
		json_str(r->keys_err.msg);
	else
		fputs("null", stdout);
	fputs(", \"announced\": [", stdout);
	for (size_t i = 0; i < r->keys.nnext; i++) {
		minisign_keyid_hex(r->keys.next[i].key.id, id);
		minisign_keyid_hex(r->keys.next[i].by, by);
		printf("%s{\"key\": \"%s\", \"by\": \"%s\"}", i ? ", " : "", id, by);
	}
	fputs("], \"retired\": [", stdout);
	for (size_t i = 0; i < r->keys.nretired; i++) {
		minisign_keyid_hex(r->keys.retired[i], id);
		printf("%s\"%s\"", i ? ", " : "", id);
	}
	fputs("]}", stdout);
}

static void print_json(const struct report *r)
{
	fputs("{\n  \"schema\": 1,\n  \"store\": ", stdout);
	json_str(r->store);
	printf(",\n  \"store_exists\": %s", r->exists ? "true" : "false");
	fputs(",\n  \"current\": ", stdout);
	if (r->installed) {
		printf("{\"serial\": %llu, \"content_date\": ", r->m.serial);
		if (r->m.updated[0])
			json_str(r->m.updated);
		else
			fputs("null", stdout);
		fputs(", ", stdout);
		json_time("created", r->m.created, 0);
		json_time("expires", r->m.expires, 0);
		printf("\"expired\": %s}", r->now > r->m.expires ? "true" : "false");
	} else {
		fputs("null", stdout);
	}
	fputs(",\n  \"last_check\": ", stdout);
	if (r->st.checked) {
		fputs("{", stdout);
		json_time("time", r->st.check_time, 0);
		printf("\"ok\": %s, \"serial_before\": ", r->st.ok ? "true" : "false");
		json_serial(r->st.serial_before);
		fputs(", \"serial_after\": ", stdout);
		json_serial(r->st.serial_after);
		printf(", \"bytes\": %llu, \"source\": ", r->st.bytes);
		if (r->st.ok && r->st.source)
			json_str(r->st.source);
		else
			fputs("null", stdout);
		fputs(", \"error\": ", stdout);
		if (!r->st.ok)
			json_str(r->st.error ? r->st.error : "?");
		else
			fputs("null", stdout);
		fputs("}", stdout);
	} else {
		fputs("null", stdout);
	}
	fputs(",\n  \"last_success\": ", stdout);
	if (r->st.success_time) {
		fputs("{", stdout);
		json_time("time", r->st.success_time, 0);
		printf("\"serial\": %llu}", r->st.success_serial);
	} else {
		fputs("null", stdout);
	}
	printf(",\n  \"bytes_total\": %llu", r->st.bytes_total);
	printf(",\n  \"floor_serial\": ");
	json_serial(r->floor.serial);
	printf(",\n  \"clock\": {");
	json_time("time", time(NULL), 0);
	if (r->floor.created)
		json_time("floor", r->floor.created, 0);
	else
		fputs("\"floor\": null, \"floor_unix\": null, ", stdout);
	printf("\"behind\": %s}", r->clock_behind ? "true" : "false");
	json_keys(r);
	fputs("\n}\n", stdout);
}

/* --- prometheus ------------------------------------------------------ */

static void prom_head(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void prom_label(const char *text)
{
	char *store = redact_text(text);
	fputs("{store=\"", stdout);
	for (const char *p = store; *p; p++) {
		if (*p == '\\' || *p == '"')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else
			putchar(*p);
	}
	fputs("\"}", stdout);
	free(store);
}

static void prom_value(const char *name, const char *type, const char *help,
		       const struct report *r, const char *value)
{
	prom_head(name, type, help);
	fputs(name, stdout);
	prom_label(r->store);
	printf(" %s\n", value);
}

/* Every metric is always there, so that an alert never meets a missing
 * series: 0 stands for "none" and "never", +Inf for "never succeeded". */
static void print_prometheus(const struct report *r)
{
	char v[64];
	snprintf(v, sizeof v, "%llu", r->installed ? r->m.serial : 0ull);
	prom_value("idmview_serial", "gauge",
		   "Serial of the installed version (0: nothing installed).", r, v);
	snprintf(v, sizeof v, "%lld", r->installed ? (long long)r->m.expires : 0ll);
	prom_value("idmview_manifest_expiry_timestamp_seconds", "gauge",
		   "When the installed manifest expires, Unix time (0: nothing installed).",
		   r, v);
	snprintf(v, sizeof v, "%lld", r->st.checked ? (long long)r->st.check_time : 0ll);
	prom_value("idmview_last_check_timestamp_seconds", "gauge",
		   "When the last update attempt ended, Unix time (0: never).", r, v);
	snprintf(v, sizeof v, "%d", r->st.checked && r->st.ok);
	prom_value("idmview_last_check_ok", "gauge",
		   "1 when the last update attempt succeeded, else 0.", r, v);
	snprintf(v, sizeof v, "%lld", (long long)r->st.success_time);
	prom_value("idmview_last_success_timestamp_seconds", "gauge",
		   "When an update attempt last succeeded, Unix time (0: never).", r, v);
	if (r->st.success_time)
		snprintf(v, sizeof v, "%lld",
			 r->now > r->st.success_time ? (long long)(r->now - r->st.success_time)
						     : 0ll);
	else
		snprintf(v, sizeof v, "+Inf");
	prom_value("idmview_seconds_since_last_success", "gauge",
		   "Seconds from the last successful update attempt to this report "
		   "(+Inf: never).", r, v);
	snprintf(v, sizeof v, "%llu", r->st.bytes_total);
	prom_value("idmview_fetched_bytes_total", "counter",
		   "Bytes on the wire (read, for a directory) over every recorded "
		   "update attempt.", r, v);
	snprintf(v, sizeof v, "%llu", r->floor.serial);
	prom_value("idmview_floor_serial", "gauge",
		   "The highest serial the store has verified: no update goes below it "
		   "(0: none).", r, v);
	snprintf(v, sizeof v, "%d", r->clock_behind);
	prom_value("idmview_clock_behind", "gauge",
		   "1 when the clock is before the newest installed manifest was made "
		   "(the clock is wrong), else 0.", r, v);
	snprintf(v, sizeof v, "%zu", r->keys.nnext);
	prom_value("idmview_keys_announced", "gauge",
		   "Signing keys announced for rotation and recorded in the store.", r, v);
	snprintf(v, sizeof v, "%zu", r->keys.nretired);
	prom_value("idmview_keys_retired", "gauge",
		   "Signing keys retired by rotation: manifests signed by them are refused.",
		   r, v);
	snprintf(v, sizeof v, "%d", !r->keys_bad);
	prom_value("idmview_keys_record_ok", "gauge",
		   "0 when the store's key record is damaged (updates stop until it is "
		   "repaired), else 1.", r, v);
}

int status_main(const struct config *cfg, const char *format)
{
	struct report r;
	struct err e;
	memset(&r, 0, sizeof r);
	r.store = cfg->store;
	floor_read(cfg->store, &r.floor);
	r.now = floor_now(&r.floor, &r.clock_behind);
	r.keys_bad = keystore_read(cfg->store, &r.keys, &r.keys_err) < 0;
	struct stat sb;
	r.exists = stat(cfg->store, &sb) == 0 && S_ISDIR(sb.st_mode);
	char *v = store_current_version(cfg->store);
	if (v) {
		char *p = xasprintf("%s/manifest", v);
		int ok = manifest_load(p, &r.m, &e);
		free(p);
		free(v);
		if (ok < 0) {
			fprintf(stderr, "%s: %s\n", util_progname, e.msg);
			return EXIT_CONTENT;
		}
		r.installed = 1;
	}
	if (status_read(cfg->store, &r.st, &e) < 0) {
		fprintf(stderr, "%s: %s\n", util_progname, e.msg);
		if (r.installed)
			manifest_free(&r.m);
		return EXIT_CONTENT;
	}
	if (!strcmp(format, "json"))
		print_json(&r);
	else if (!strcmp(format, "prometheus"))
		print_prometheus(&r);
	else
		print_text(&r);
	if (r.installed)
		manifest_free(&r.m);
	status_free(&r.st);
	return EXIT_OK;
}
