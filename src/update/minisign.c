/* minisign.c - see minisign.h. */
#include "config.h"

#include "minisign.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIG_LEN crypto_sign_BYTES
#define MAX_LINE 1024
#define MAX_FILE 4096

/* Splits off the next line of text (without its \n or \r\n); returns its
 * length or -1 at the end of the text. */
static long next_line(const char **p, const char *end, const char **line)
{
	*line = *p; /* set even at the end: callers pass it on */
	if (*p >= end)
		return -1;
	const char *s = *p;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	const char *stop = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (stop > s && stop[-1] == '\r')
		stop--;
	*line = s;
	return (long)(stop - s);
}

/* Decodes a base64 line of exactly `want` bytes into `out`. */
static int b64_exact(const char *line, long n, unsigned char *out, size_t want)
{
	size_t got = 0;
	const char *end = NULL;
	if (n <= 0 || n > MAX_LINE)
		return -1;
	if (sodium_base642bin(out, want, line, (size_t)n, NULL, &got, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	if (got != want || end != line + n)
		return -1;
	return 0;
}

static int untrusted_line(const char **p, const char *end, const char *name,
			  struct err *e)
{
	const char *line;
	long n = next_line(p, end, &line);
	static const char prefix[] = "untrusted comment: ";
	if (n < (long)(sizeof prefix - 1) ||
	    memcmp(line, prefix, sizeof prefix - 1) != 0) {
		/* TRANSLATORS: "untrusted comment:" and "trusted comment:" are
		 * lines of a minisign file, written so in any language: keep
		 * them, and minisign, libsodium, Ed25519, Ed, base64 and -l. */
		err_set(e, _("%s:1: not a minisign file (no \"untrusted comment:\" line)"),
			name);
		return -1;
	}
	return 0;
}

int minisign_key_parse(const char *text, size_t len, const char *name,
		       struct minisign_key *k, struct err *e)
{
	const char *p = text, *end = text + len, *line;
	unsigned char raw[2 + MINISIGN_KEYID_LEN + MINISIGN_PK_LEN];

	if (sodium_init() < 0) {
		err_set(e, _("%s: libsodium could not be initialised"), name);
		return -1;
	}
	if (memchr(text, '\0', len)) {
		err_set(e, _("%s: not a minisign public key (binary data)"), name);
		return -1;
	}
	if (untrusted_line(&p, end, name, e) < 0)
		return -1;
	long n = next_line(&p, end, &line);
	if (b64_exact(line, n, raw, sizeof raw) < 0) {
		err_set(e, _("%s:2: not a minisign public key (bad base64 or length)"),
			name);
		return -1;
	}
	if (raw[0] != 'E' || raw[1] != 'd') {
		err_set(e, _("%s:2: unknown public key algorithm (want Ed25519)"), name);
		return -1;
	}
	memcpy(k->id, raw + 2, MINISIGN_KEYID_LEN);
	memcpy(k->pk, raw + 2 + MINISIGN_KEYID_LEN, MINISIGN_PK_LEN);
	return 0;
}

int minisign_key_load(const char *path, struct minisign_key *k, struct err *e)
{
	struct buf b = {0};
	if (util_read_file(path, MAX_FILE - 1, &b, e) < 0) {
		buf_free(&b);
		return -1;
	}
	int r = minisign_key_parse(b.s ? b.s : "", b.len, path, k, e);
	buf_free(&b);
	return r;
}

void minisign_keyid_hex(const unsigned char *id, char out[17])
{
	/* minisign prints key ids as the little-endian 64-bit number */
	static const char digits[] = "0123456789ABCDEF";
	for (int i = 0; i < 8; i++) {
		out[2 * i] = digits[id[7 - i] >> 4];
		out[2 * i + 1] = digits[id[7 - i] & 15];
	}
	out[16] = '\0';
}

int minisign_verify(const struct minisign_key *k, const void *msg,
		    size_t msglen, const char *sig, size_t siglen,
		    const char *signame, char **trusted, struct err *e)
{
	const char *p = sig, *end = sig + siglen, *line;
	unsigned char raw[2 + MINISIGN_KEYID_LEN + SIG_LEN];
	unsigned char global[SIG_LEN];
	unsigned char hash[crypto_generichash_BYTES_MAX];
	static const char tprefix[] = "trusted comment: ";
	long n;

	if (sodium_init() < 0) {
		err_set(e, _("%s: libsodium could not be initialised"), signame);
		return -1;
	}
	if (siglen > MAX_FILE || memchr(sig, '\0', siglen)) {
		err_set(e, _("%s: not a minisign signature"), signame);
		return -1;
	}
	if (untrusted_line(&p, end, signame, e) < 0)
		return -1;
	n = next_line(&p, end, &line);
	if (b64_exact(line, n, raw, sizeof raw) < 0) {
		err_set(e, _("%s:2: not a minisign signature (bad base64 or length)"),
			signame);
		return -1;
	}
	if (raw[0] == 'E' && raw[1] == 'd') {
		err_set(e, _("%s:2: legacy (non-prehashed \"Ed\") signature refused: "
			   "sign with a current minisign, without -l"), signame);
		return -1;
	}
	if (raw[0] != 'E' || raw[1] != 'D') {
		err_set(e, _("%s:2: unknown signature algorithm"), signame);
		return -1;
	}
	if (memcmp(raw + 2, k->id, MINISIGN_KEYID_LEN) != 0) {
		char want[17], got[17];
		minisign_keyid_hex(k->id, want);
		minisign_keyid_hex(raw + 2, got);
		err_set(e, _("%s: signed with key %s, but the trusted key is %s"),
			signame, got, want);
		return -1;
	}
	const unsigned char *s = raw + 2 + MINISIGN_KEYID_LEN;

	crypto_generichash(hash, sizeof hash, msg, msglen, NULL, 0);
	if (crypto_sign_verify_detached(s, hash, sizeof hash, k->pk) != 0) {
		err_set(e, _("%s: signature does not match the file"), signame);
		return -1;
	}

	n = next_line(&p, end, &line);
	if (n < (long)(sizeof tprefix - 1) ||
	    memcmp(line, tprefix, sizeof tprefix - 1) != 0) {
		err_set(e, _("%s:3: no \"trusted comment:\" line"), signame);
		return -1;
	}
	const char *tc = line + sizeof tprefix - 1;
	size_t tclen = (size_t)n - (sizeof tprefix - 1);

	n = next_line(&p, end, &line);
	if (b64_exact(line, n, global, sizeof global) < 0) {
		err_set(e, _("%s:4: bad global signature (base64 or length)"), signame);
		return -1;
	}
	size_t mlen = SIG_LEN + tclen;
	unsigned char *m = xmalloc(mlen);
	memcpy(m, s, SIG_LEN);
	memcpy(m + SIG_LEN, tc, tclen);
	int bad = crypto_sign_verify_detached(global, m, mlen, k->pk);
	free(m);
	if (bad) {
		err_set(e, _("%s:3: trusted comment does not match its signature "
			   "(edited?)"), signame);
		return -1;
	}
	if (trusted)
		*trusted = xstrndup(tc, tclen);
	return 0;
}

int minisign_sig_keyid(const char *sig, size_t siglen,
		       unsigned char id[MINISIGN_KEYID_LEN])
{
	const char *p = sig, *end = sig + siglen, *line;
	unsigned char raw[2 + MINISIGN_KEYID_LEN + SIG_LEN];
	struct err e;
	if (sodium_init() < 0 || siglen > MAX_FILE ||
	    untrusted_line(&p, end, "", &e) < 0)
		return -1;
	long n = next_line(&p, end, &line);
	if (b64_exact(line, n, raw, sizeof raw) < 0)
		return -1;
	memcpy(id, raw + 2, MINISIGN_KEYID_LEN);
	return 0;
}
