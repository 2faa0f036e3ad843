/* sanitize.c - layout_sanitize (layout.h): what of a text may reach the
 * terminal. Every control character, C1 control and bidi override becomes
 * the replacement character (ncurses obeys CR and BS, so a page could
 * otherwise overwrite what it shows), white space runs become one space,
 * combining marks are bounded, and in ASCII mode letters lose their
 * accents. The rest of layout.c wraps what comes out of here. */
#include "config.h"

#include "layout.h"

#include "utf8.h"

/* Latin-1 letters without their accents, for ASCII mode. */
static const char latin1_ascii[] =
	"AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs"
	"aaaaaaaceeeeiiiidnooooo/ouuuuyty";

/* Latin Extended-A (U+0100-017F) letters without their accents, case
 * kept; the ligatures IJ and OE are spelt out by ascii_for. */
static const char latin_a_ascii[] =
	"AaAaAa" "CcCcCcCc" "DdDd" "EeEeEeEeEe" "GgGgGgGg" "HhHh" "IiIiIiIiIi" "Ii"
	"Jj" "Kkk" "LlLlLlLlLl" "NnNnNnnNn" "OoOoOo" "Oo" "RrRrRr" "SsSsSsSs" "TtTtTt"
	"UuUuUuUuUuUu" "Ww" "YyY" "ZzZzZz" "s";
_Static_assert(sizeof latin_a_ascii - 1 == 0x80, "one letter for each of U+0100-017F");

/* ASCII for a character outside printable ASCII, or NULL for "?". Letters
 * that are two in ASCII are spelt so (ß ss, æ ae, þ th, œ oe), as search
 * folds them, so that a search for "strasse" finds and marks "Straße". */
static const char *ascii_for(uint32_t cp)
{
	switch (cp) {
	case 0x00C6: return "AE";
	case 0x00E6: return "ae";
	case 0x00DE: return "TH";
	case 0x00FE: return "th";
	case 0x00DF: return "ss";
	case 0x0132: return "IJ";
	case 0x0133: return "ij";
	case 0x0152: return "OE";
	case 0x0153: return "oe";
	case 0x2018: case 0x2019: case 0x201A: case 0x2032: return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return "-";
	case 0x2026: return "...";
	case 0x2022: case 0x25CF: case 0x25AA: return "*";
	case 0x203A: case 0x2192: case 0x25B8: return ">";
	case 0x2039: case 0x2190: return "<";
	case 0x00A0: case 0x2007: case 0x202F: return " ";
	case 0x00A9: return "(c)";
	}
	return NULL;
}

static int is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void layout_sanitize(const char *s, size_t n, int flags, int *space, struct buf *out)
{
	size_t i = 0;
	int marks = 0;
	while (i < n) {
		if ((unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0x7F) {
			/* printable ASCII, the bulk of most text, is copied as
			 * it is, a run at a time */
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x7F)
				j++;
			buf_add(out, s + i, j - i);
			i = j;
			*space = 0;
			marks = 0;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		const char *src = s + i;
		i += len;

		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (!*space)
				buf_addc(out, ' ');
			*space = 1;
			marks = 0;
			continue;
		}
		int w = (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || is_bidi_control(cp))
				? -1 : utf8_width(cp);
		if (w == 0) {
			/* combining or zero width: keep a few after a base; a
			 * direction mark also after a space, since it steers the
			 * word that follows it ("&#x200E;+1-555-0100") */
			int dirmark = cp == 0x200E || cp == 0x200F || cp == 0x061C;
			if ((*space && !dirmark) || ++marks > LAYOUT_MAX_MARKS || (flags & LAYOUT_ASCII))
				continue;
			buf_add(out, src, len);
			continue;
		}
		marks = 0;
		*space = 0;
		if (w < 0 || cp == UTF8_REPLACEMENT) {
			/* no printable form, or a byte that is not UTF-8 (which
			 * must not reach the terminal raw): the placeholder */
			cp = UTF8_REPLACEMENT;
			src = NULL;
		}
		if (flags & LAYOUT_ASCII) {
			if (cp < 0x80) {
				buf_addc(out, (char)cp);
			} else {
				const char *a = ascii_for(cp);
				if (a)
					buf_adds(out, a);
				else if (cp >= 0xC0 && cp <= 0xFF)
					buf_addc(out, latin1_ascii[cp - 0xC0]);
				else if (cp >= 0x100 && cp <= 0x17F)
					buf_addc(out, latin_a_ascii[cp - 0x100]);
				else
					buf_addc(out, '?');
			}
		} else if (src) {
			buf_add(out, src, len);
		} else {
			char enc[4];
			buf_add(out, enc, utf8_encode(cp, enc));
		}
	}
}
