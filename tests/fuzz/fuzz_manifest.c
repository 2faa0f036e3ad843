/* fuzz_manifest.c - manifest_parse on arbitrary bytes. A manifest that
 * parses must format back to text that parses to the same manifest. */
#include "config.h"

#include <string.h>
#include <stdlib.h>

#include "fuzz.h"
#include "manifest.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m, m2;
	struct err e;
	memset(&m, 0, sizeof m);
	memset(&m2, 0, sizeof m2);
	if (manifest_parse((const char *)data, size, "fuzz", &m, &e) < 0)
		return 0;
	char *text = manifest_format(&m);
	if (manifest_parse(text, strlen(text), "formatted", &m2, &e) < 0)
		fuzz_fail("a parsed manifest formats to text that does not parse: %s", e.msg);
	char *text2 = manifest_format(&m2);
	if (strcmp(text, text2) != 0 || m.serial != m2.serial || m.nfiles != m2.nfiles)
		fuzz_fail("manifest does not survive format and parse");
	for (size_t i = 0; i < m.nfiles; i++)
		if (manifest_find(&m, m.files[i].name) == NULL)
			fuzz_fail("manifest_find misses %s", m.files[i].name);
	free(text);
	free(text2);
	manifest_free(&m);
	manifest_free(&m2);
	return 0;
}
