/* trust.c - see trust.h. */
#include "config.h"

#include "trust.h"

#include <string.h>

#include "i18n.h"

enum trust_verdict trust_judge(const struct minisign_key *key, const char *text,
			       size_t len, const char *name, const char *sig,
			       size_t siglen, const char *signame,
			       const struct installed *old, time_t now,
			       struct manifest *m, struct err *e)
{
	if (minisign_verify(key, text, len, sig, siglen, signame, NULL, e) < 0 ||
	    manifest_parse(text, len, name, m, e) < 0)
		return TRUST_REFUSED;
	if (old->serial && m->serial == old->serial) {
		if (old->manifest.len == len && !memcmp(old->manifest.s, text, len))
			return TRUST_CURRENT;
		err_set(e, _("serial %llu is the installed serial, but the manifest "
			    "differs: refused (a publisher must raise the serial)"),
			m->serial);
		goto refused;
	}
	/* The floor, not only what `current` shows: a damaged link or lost
	 * versions must not let an older serial in. */
	unsigned long long floor = old->floor.serial > old->serial ? old->floor.serial
								   : old->serial;
	if (m->serial < floor) {
		err_set(e, _("serial %llu is older than the installed %llu: refused "
			    "(replayed or rolled-back manifest)"),
			m->serial, floor);
		goto refused;
	}
	if (now > m->expires) {
		char x[21], n[21];
		manifest_time_format(m->expires, x);
		manifest_time_format(now, n);
		err_set(e, _("manifest %llu expired at %s; this machine's clock says "
			    "%s (check the clock if that is wrong)"),
			m->serial, x, n);
		goto refused;
	}
	return TRUST_NEWER;
refused:
	manifest_free(m);
	return TRUST_REFUSED;
}
