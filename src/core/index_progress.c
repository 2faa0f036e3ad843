/* index_progress.c - the words and bar of an index build's progress, one
 * line for stderr (--search) or the browser's status line (see index.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "index.h"
#include "utf8.h"

void index_progress_line(char *out, size_t size, size_t done, size_t total, int cols)
{
	char text[256];
	snprintf(text, sizeof text, _("Indexing for search: %zu of %zu files"), done, total);
	int w;
	size_t len = utf8_fit(text, strlen(text), cols > 0 ? cols : 0, &w);
	/* " [" 20 cells "]" when it fits, else the words alone */
	int bar = cols - w - 3 >= 20 ? 20 : 0;
	int fill = total ? (int)((double)done / (double)total * bar) : bar;
	int n = snprintf(out, size, "%.*s", (int)len, text);
	size_t k = n > 0 ? (size_t)n : 0;
	if (bar && k + (size_t)bar + 3 < size) {
		memcpy(out + k, " [", 2);
		memset(out + k + 2, '#', (size_t)fill);
		memset(out + k + 2 + fill, '.', (size_t)(bar - fill));
		memcpy(out + k + 2 + bar, "]", 2);
	}
}
