/* keystore.c - see keystore.h. */
#include "config.h"

#include "keystore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"

#define KEYSTORE_MAGIC "idmview-keys 1"
/* The magic line and every record at its longest, with room to spare. */
#define KEYSTORE_FILE_MAX (32 + KEYSTORE_MAX * (8 + MANIFEST_KEY_B64 + 18) + \
			   KEYSTORE_MAX * (8 + 18))

int keystore_parse_key(const char *b64, struct minisign_key *key)
{
	struct err e;
	if (strlen(b64) != MANIFEST_KEY_B64)
		return -1;
	/* minisign's own public key format, so that one parser judges both */
	char *text = xasprintf("untrusted comment: next key\n%s\n", b64);
	int r = minisign_key_parse(text, strlen(text), "next_key", key, &e);
	free(text);
	return r;
}

/* 16 hex digits as minisign_keyid_hex writes them, back into an id. */
static int parse_id(const char *s, unsigned char id[MINISIGN_KEYID_LEN])
{
	if (strlen(s) != 16 || strspn(s, "0123456789ABCDEF") != 16)
		return -1;
	for (int i = 0; i < 8; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2X", &v) != 1)
			return -1;
		id[7 - i] = (unsigned char)v;
	}
	return 0;
}

/* One record line into `k`. Returns 0, or -1 when malformed or too many. */
static int parse_record(char *line, struct keystore *k)
{
	char *save = NULL;
	char *kind = strtok_r(line, " ", &save);
	char *a = strtok_r(NULL, " ", &save);
	char *b = strtok_r(NULL, " ", &save);
	if (!kind || !a || strtok_r(NULL, " ", &save))
		return -1;
	if (!strcmp(kind, "retired") && !b && k->nretired < KEYSTORE_MAX)
		return parse_id(a, k->retired[k->nretired++]);
	if (strcmp(kind, "next") || !b || k->nnext == KEYSTORE_MAX)
		return -1;
	struct keystore_next *n = &k->next[k->nnext++];
	if (keystore_parse_key(a, &n->key) < 0 || parse_id(b, n->by) < 0)
		return -1;
	memcpy(n->b64, a, MANIFEST_KEY_B64 + 1);
	return 0;
}

int keystore_read(const char *dir, struct keystore *k, struct err *e)
{
	struct buf b = {0};
	char *path = xasprintf("%s/keys", dir);
	memset(k, 0, sizeof *k);
	int r = util_read_file(path, KEYSTORE_FILE_MAX, &b, e);
	if (r < 0 && errno == ENOENT) /* util_read_file keeps open's errno */
		r = 0;
	else if (r == 0) {
		char *save = NULL;
		char *line = b.s ? strtok_r(b.s, "\n", &save) : NULL;
		int lineno = 1;
		if (!line || strcmp(line, KEYSTORE_MAGIC))
			r = -1;
		while (r == 0 && (line = strtok_r(NULL, "\n", &save))) {
			lineno++;
			r = parse_record(line, k);
		}
		if (r < 0)
			/* TRANSLATORS: %s:%d is the file and line; trusted_key is
			 * a configuration key, keep it. */
			err_set(e, _("%s:%d: not a key record this program wrote: updates "
				    "are refused rather than trust a retired key again "
				    "(remove the file and name the publisher's current "
				    "key in trusted_key)"), path, lineno);
	}
	if (r < 0) /* no half-read records for a caller to show */
		memset(k, 0, sizeof *k);
	buf_free(&b);
	free(path);
	return r;
}

int keystore_write(const char *dir, const struct keystore *k, struct err *e)
{
	struct buf b = {0};
	char id[17];
	buf_printf(&b, "%s\n", KEYSTORE_MAGIC);
	for (size_t i = 0; i < k->nnext; i++) {
		minisign_keyid_hex(k->next[i].by, id);
		buf_printf(&b, "next %s %s\n", k->next[i].b64, id);
	}
	for (size_t i = 0; i < k->nretired; i++) {
		minisign_keyid_hex(k->retired[i], id);
		buf_printf(&b, "retired %s\n", id);
	}
	char *path = xasprintf("%s/keys", dir);
	int r = store_write_file(path, b.s, b.len, e);
	free(path);
	buf_free(&b);
	return r;
}

int keystore_is_retired(const struct keystore *k, const unsigned char *id)
{
	for (size_t i = 0; i < k->nretired; i++)
		if (!memcmp(k->retired[i], id, MINISIGN_KEYID_LEN))
			return 1;
	return 0;
}
