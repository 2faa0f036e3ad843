/* keyring.c - see keyring.h. */
#include "config.h"

#include "keyring.h"

#include <stdlib.h>
#include <string.h>

#include "configfile.h"
#include "i18n.h"

#define ID_LEN MINISIGN_KEYID_LEN

int keyring_load(struct keyring *r, const char *trusted_key, const char *store,
		 struct err *e)
{
	char **files;
	memset(r, 0, sizeof *r);
	size_t n = config_split_list(trusted_key, KEYRING_MAX_FILES + 1, &files);
	int bad = 1;
	if (n == 0)
		err_set(e, _("trusted_key names no key file"));
	else if (n > KEYRING_MAX_FILES)
		/* TRANSLATORS: %d is the most key files trusted_key may name. */
		err_set(e, _("trusted_key names more than %d key files"),
			KEYRING_MAX_FILES);
	else
		bad = 0;
	for (size_t i = 0; i < n && !bad; i++)
		bad = minisign_key_load(files[i], &r->conf[r->nconf++], e) < 0;
	config_list_free(files, n);
	if (bad)
		return -1;
	return keystore_read(store, &r->rec, e);
}

/* The ids of the keys a signature may bear, for a refusal's message;
 * returns how many there are, and the last of them in *one. */
static size_t list_trusted(const struct keyring *r, struct buf *b,
			   const struct minisign_key **one)
{
	char id[17];
	size_t n = 0;
	for (size_t i = 0; i < r->nconf + r->rec.nnext; i++) {
		const struct minisign_key *k = i < r->nconf ? &r->conf[i]
				: &r->rec.next[i - r->nconf].key;
		if (keystore_is_retired(&r->rec, k->id))
			continue;
		minisign_keyid_hex(k->id, id);
		buf_printf(b, "%s%s", b->len ? ", " : "", id);
		*one = k;
		n++;
	}
	return n;
}

const struct minisign_key *keyring_pick(const struct keyring *r, const char *sig,
					size_t siglen, const char *signame,
					struct err *e)
{
	unsigned char id[ID_LEN];
	char hex[17];
	/* not a signature at all: minisign_verify says what is wrong */
	if (minisign_sig_keyid(sig, siglen, id) < 0)
		return &r->conf[0];
	minisign_keyid_hex(id, hex);
	if (keystore_is_retired(&r->rec, id)) {
		/* TRANSLATORS: %s: the signature file, then a key id (16 hex
		 * digits); idmview-publish(1) and KEY ROTATION name a manual
		 * page and its section: keep them. */
		err_set(e, _("%s: signed with key %s, which was retired on this machine "
			    "when a manifest signed by its successor was installed: "
			    "refused (the publisher must sign with the new key; see "
			    "idmview-publish(1), KEY ROTATION)"), signame, hex);
		return NULL;
	}
	for (size_t i = 0; i < r->nconf; i++)
		if (!memcmp(r->conf[i].id, id, ID_LEN))
			return &r->conf[i];
	for (size_t i = 0; i < r->rec.nnext; i++)
		if (!memcmp(r->rec.next[i].key.id, id, ID_LEN))
			return &r->rec.next[i].key;
	struct buf b = {0};
	const struct minisign_key *one = NULL;
	if (list_trusted(r, &b, &one) == 1) {
		/* one key: minisign_verify's own words name it */
		buf_free(&b);
		return one;
	}
	/* TRANSLATORS: %s: the signature file, a key id, then the ids of the
	 * trusted keys, comma-separated. */
	err_set(e, _("%s: signed with key %s, which is none of the trusted keys (%s)"),
		signame, hex, b.s ? b.s : "");
	buf_free(&b);
	return NULL;
}

static int full(struct err *e)
{
	/* TRANSLATORS: %d is the most records of one kind STORE/keys holds. */
	err_set(e, _("no room for another record in the store's keys file (at most "
		    "%d of each kind)"),
		KEYSTORE_MAX);
	return -1;
}

/* `signer` is a recorded next key: the keys that announced it are done
 * with. Returns 1 when one was newly retired, 0 when none, -1 when full. */
static int retire_announcers(struct keystore *k, const unsigned char *signer,
			     struct err *e)
{
	int changed = 0;
	for (size_t i = 0; i < k->nnext; i++) {
		const unsigned char *by = k->next[i].by;
		if (memcmp(k->next[i].key.id, signer, ID_LEN) ||
		    !memcmp(by, signer, ID_LEN) || keystore_is_retired(k, by))
			continue;
		if (k->nretired == KEYSTORE_MAX)
			return full(e);
		memcpy(k->retired[k->nretired++], by, ID_LEN);
		changed = 1;
	}
	return changed;
}

/* A retired key is no next key any more, and what it announced and was
 * not used (all but `signer`) is withdrawn with it: a stolen old key must
 * not leave a key of its own behind. */
static void drop_withdrawn(struct keystore *k, const unsigned char *signer)
{
	size_t kept = 0;
	for (size_t i = 0; i < k->nnext; i++) {
		const struct keystore_next *n = &k->next[i];
		int mine = !memcmp(n->key.id, signer, ID_LEN);
		if (keystore_is_retired(k, n->key.id) ||
		    (!mine && keystore_is_retired(k, n->by)))
			continue;
		k->next[kept++] = *n;
	}
	k->nnext = kept;
}

/* Records `b64` as announced by `signer`. Returns 1 when recorded, 0 when
 * there was nothing new, -1 on a conflict or when full. */
static int record_next(struct keystore *k, const char *b64,
		       const unsigned char *signer, struct err *e)
{
	struct minisign_key key;
	char hex[17];
	if (keystore_parse_key(b64, &key) < 0)
		return 0; /* manifest_parse checked the form; not a key all the same */
	/* a key announcing itself, or a retired one, brings nothing */
	if (!memcmp(key.id, signer, ID_LEN) || keystore_is_retired(k, key.id))
		return 0;
	for (size_t i = 0; i < k->nnext; i++) {
		if (memcmp(k->next[i].key.id, key.id, ID_LEN))
			continue;
		if (!memcmp(k->next[i].key.pk, key.pk, MINISIGN_PK_LEN))
			return 0;
		minisign_keyid_hex(key.id, hex);
		/* TRANSLATORS: %s is a key id (16 hex digits). */
		err_set(e, _("the manifest announces a next key %s, but another key "
			    "with that id is recorded: not recorded"), hex);
		return -1;
	}
	if (k->nnext == KEYSTORE_MAX)
		return full(e);
	struct keystore_next *n = &k->next[k->nnext++];
	memcpy(n->b64, b64, MANIFEST_KEY_B64 + 1);
	n->key = key;
	memcpy(n->by, signer, ID_LEN);
	return 1;
}

int keyring_accept(struct keyring *r, const char *store,
		   const struct minisign_key *signer, const char *next_key,
		   struct err *e)
{
	/* worked on a copy: a failure leaves the records as on disk */
	struct keystore *k = xmalloc(sizeof *k);
	*k = r->rec;
	unsigned char id[ID_LEN];
	memcpy(id, signer->id, ID_LEN); /* signer may point into r->rec */
	int retired = retire_announcers(k, id, e);
	if (retired > 0)
		drop_withdrawn(k, id);
	int added = retired < 0 ? -1 : next_key[0] ? record_next(k, next_key, id, e) : 0;
	int rc = added < 0 ? -1 : 0;
	if (rc == 0 && (retired > 0 || added > 0)) {
		rc = keystore_write(store, k, e);
		if (rc == 0)
			r->rec = *k;
	}
	free(k);
	return rc;
}
