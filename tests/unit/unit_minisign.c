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
#include "unit.h"
#include "util.h"

#define FIX TEST_SRCDIR "/fixtures/update/"

/* What each test verifies: the fixture manifest and a signature of it,
 * which the test may spoil first. */
struct signed_file {
	char *msg, *sig;
	size_t msglen, siglen;
};

static int load(void **state, const char *signame)
{
	struct signed_file *f = malloc(sizeof *f);
	assert_non_null(f);
	f->msg = unit_slurp(FIX "manifest", &f->msglen);
	char *sigpath = xasprintf("%s%s", FIX, signame);
	f->sig = unit_slurp(sigpath, &f->siglen);
	free(sigpath);
	*state = f;
	return 0;
}

static int signed_setup(void **state) { return load(state, "manifest.minisig"); }
static int legacy_setup(void **state) { return load(state, "manifest.legacy.minisig"); }

static int signed_teardown(void **state)
{
	struct signed_file *f = *state;
	free(f->msg);
	free(f->sig);
	free(f);
	return 0;
}

/* Verifies the fixture's (possibly spoilt) message and signature with the
 * key tests/fixtures/update/KEYNAME; the trusted comment, if it verifies,
 * in *comment (when comment is not NULL). */
static int verify(void **state, const char *keyname, char **comment, struct err *e)
{
	struct signed_file *f = *state;
	struct minisign_key k;
	char *kp = xasprintf("%s%s", FIX, keyname);
	int r = minisign_key_load(kp, &k, e);
	free(kp);
	assert_int_equal(r, 0);
	return minisign_verify(&k, f->msg, f->msglen, f->sig, f->siglen, "sig", comment, e);
}

static void good_signature(void **state)
{
	struct err e;
	char *tc = NULL;
	assert_int_equal(verify(state, "key.pub", &tc, &e), 0);
	assert_string_equal(tc, "fixture serial 7");
	free(tc);
}

static void changed_message(void **state)
{
	struct signed_file *f = *state;
	struct err e;
	f->msg[f->msglen - 2] ^= 1;
	assert_int_equal(verify(state, "key.pub", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "does not match the file"));
}

static void wrong_key(void **state)
{
	struct err e;
	assert_int_equal(verify(state, "other.pub", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "but the trusted key is"));
}

static void edited_trusted_comment(void **state)
{
	struct signed_file *f = *state;
	struct err e;
	char *p = strstr(f->sig, "serial 7");
	assert_non_null(p);
	p[7] = '8';
	assert_int_equal(verify(state, "key.pub", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "trusted comment does not match"));
}

static void legacy_refused(void **state)
{
	struct err e;
	assert_int_equal(verify(state, "key.pub", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "legacy"));
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
		cmocka_unit_test_setup_teardown(good_signature, signed_setup, signed_teardown),
		cmocka_unit_test_setup_teardown(changed_message, signed_setup, signed_teardown),
		cmocka_unit_test_setup_teardown(wrong_key, signed_setup, signed_teardown),
		cmocka_unit_test_setup_teardown(edited_trusted_comment, signed_setup,
						signed_teardown),
		cmocka_unit_test_setup_teardown(legacy_refused, legacy_setup, signed_teardown),
		cmocka_unit_test(garbage_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
