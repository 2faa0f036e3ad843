/* upstate.c - see upstate.h. */
#include "config.h"

#include "upstate.h"

#include "i18n.h"

const char *update_phase_name(enum update_phase ph)
{
	switch (ph) {
	case UPDATE_PHASE_MANIFEST:
		return N_("manifest");
	case UPDATE_PHASE_FILES:
		return N_("files");
	case UPDATE_PHASE_CHECK:
		return N_("checking");
	case UPDATE_PHASE_DONE:
		return N_("done");
	}
	return "?";
}
