/* unit_minisign.c - minisign parsing and verification against fixtures
 * made once by the real minisign (tests/fixtures/update/). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minisign.h"
#include "util.h"

#define FIX TEST_SRCDIR "/fixtures/update/"

static char *slurp(const char *name, size_t *len)
{
	char *path = xasprintf("%s%s", FIX, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = {0};
	char block[4096];
	size_t n;
	while ((n = fread(block, 1, sizeof block, f)) > 0)
		buf_add(&b, block, n);
	fclose(f);
	free(path);
	*len = b.len;
	return buf_take(&b);
}

static int verify(const char *keyname, const char *msg, size_t msglen,
		  const char *sig, size_t siglen, struct err *e)
{
	struct minisign_key k;
	char *kp = xasprintf("%s%s", FIX, keyname);
	int r = minisign_key_load(kp, &k, e);
	free(kp);
	assert_int_equal(r, 0);
	return minisign_verify(&k, msg, msglen, sig, siglen, "sig", NULL, e);
}

static void good_signature(void **state)
{
	(void)state;
	size_t ml, sl;
	char *m = slurp("manifest", &ml), *s = slurp("manifest.minisig", &sl);
	struct minisign_key k;
	struct err e;
	char *tc = NULL;
	assert_int_equal(minisign_key_load(FIX "key.pub", &k, &e), 0);
	assert_int_equal(minisign_verify(&k, m, ml, s, sl, "sig", &tc, &e), 0);
	assert_string_equal(tc, "fixture serial 7");
	free(tc);
	free(m);
	free(s);
}

static void changed_message(void **state)
{
	(void)state;
	size_t ml, sl;
	char *m = slurp("manifest", &ml), *s = slurp("manifest.minisig", &sl);
	struct err e;
	m[ml - 2] ^= 1;
	assert_int_equal(verify("key.pub", m, ml, s, sl, &e), -1);
	assert_non_null(strstr(e.msg, "does not match the file"));
	free(m);
	free(s);
}

static void wrong_key(void **state)
{
	(void)state;
	size_t ml, sl;
	char *m = slurp("manifest", &ml), *s = slurp("manifest.minisig", &sl);
	struct err e;
	assert_int_equal(verify("other.pub", m, ml, s, sl, &e), -1);
	assert_non_null(strstr(e.msg, "but the trusted key is"));
	free(m);
	free(s);
}

static void edited_trusted_comment(void **state)
{
	(void)state;
	size_t ml, sl;
	char *m = slurp("manifest", &ml), *s = slurp("manifest.minisig", &sl);
	struct err e;
	char *p = strstr(s, "serial 7");
	assert_non_null(p);
	p[7] = '8';
	assert_int_equal(verify("key.pub", m, ml, s, sl, &e), -1);
	assert_non_null(strstr(e.msg, "trusted comment does not match"));
	free(m);
	free(s);
}

static void legacy_refused(void **state)
{
	(void)state;
	size_t ml, sl;
	char *m = slurp("manifest", &ml), *s = slurp("manifest.legacy.minisig", &sl);
	struct err e;
	assert_int_equal(verify("key.pub", m, ml, s, sl, &e), -1);
	assert_non_null(strstr(e.msg, "legacy"));
	free(m);
	free(s);
}

static void garbage_refused(void **state)
{
	(void)state;
	struct minisign_key k;
	struct err e;
	static const char html[] = "<html><body>Login</body></html>";
	static const char shortkey[] = "untrusted comment: x\nRWQAAAA=\n";
	assert_int_equal(minisign_key_parse(html, sizeof html - 1, "k", &k, &e), -1);
	assert_int_equal(minisign_key_parse(shortkey, sizeof shortkey - 1, "k", &k, &e), -1);
	assert_non_null(strstr(e.msg, "k:2:"));
	assert_int_equal(minisign_key_load(FIX "key.pub", &k, &e), 0);
	assert_int_equal(minisign_verify(&k, "x", 1, html, sizeof html - 1, "s",
					 NULL, &e), -1);
	assert_non_null(strstr(e.msg, "not a minisign file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_signature),
		cmocka_unit_test(changed_message),
		cmocka_unit_test(wrong_key),
		cmocka_unit_test(edited_trusted_comment),
		cmocka_unit_test(legacy_refused),
		cmocka_unit_test(garbage_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
