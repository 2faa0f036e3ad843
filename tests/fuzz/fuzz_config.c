/* fuzz_config.c - the configuration reader on arbitrary file contents
 * (the file is written to a scratch directory and read with
 * config_read_file, as idmview reads /etc/idmview.conf). */
#include "config.h"

#include <stdio.h>

#include "configfile.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[4200];
	struct config c;
	struct err e;
	if (!path[0])
		snprintf(path, sizeof path, "%s/config", fuzz_tmpdir());
	fuzz_write(fuzz_tmpdir(), "config", data, size);
	config_init(&c);
	(void)config_read_file(&c, path, 1, &e);
	config_free(&c);
	return 0;
}
