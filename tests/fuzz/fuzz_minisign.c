/* fuzz_minisign.c - minisign public key and signature parsing on
 * arbitrary bytes. Every input is tried as a public key, and as the
 * signature of the fixture manifest under the fixture key
 * (tests/fixtures/update). Nothing but the real signature may verify. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "minisign.h"
#include "util.h"

static struct buf msg, realsig;
static struct minisign_key key;

static void setup(void)
{
	static int done;
	struct err e;
	struct buf kb = {0};
	if (done)
		return;
	done = 1;
	if (util_read_file(TEST_SRCDIR "/fixtures/update/manifest", 1 << 20, &msg, &e) < 0 ||
	    util_read_file(TEST_SRCDIR "/fixtures/update/manifest.minisig", 1 << 20, &realsig, &e) < 0 ||
	    util_read_file(TEST_SRCDIR "/fixtures/update/key.pub", 1 << 20, &kb, &e) < 0)
		fuzz_fail("%s", e.msg);
	if (minisign_key_parse(kb.s, kb.len, "key.pub", &key, &e) < 0)
		fuzz_fail("the fixture key does not parse: %s", e.msg);
	buf_free(&kb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct minisign_key k;
	struct err e;
	char *trusted = NULL;
	setup();
	(void)minisign_key_parse((const char *)data, size, "fuzz.pub", &k, &e);
	if (minisign_verify(&key, msg.s, msg.len, (const char *)data, size, "fuzz.minisig",
			    &trusted, &e) == 0) {
		/* only the real signature (perhaps with other untrusted-comment
		 * text or line ends) can verify */
		if (!trusted || strcmp(trusted, "fixture serial 7") != 0)
			fuzz_fail("a signature verified with trusted comment '%s'",
				  trusted ? trusted : "(null)");
		free(trusted);
	}
	return 0;
}
