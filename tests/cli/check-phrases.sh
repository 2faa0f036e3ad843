#!/bin/sh
# check-phrases.sh PHRASES TEXTFILE
#
# Check that every phrase of PHRASES (one per line; blank lines and lines
# starting with # are ignored) occurs in TEXTFILE.  Both sides are compared
# after the same normalisation: ASCII and typographic quotation marks and
# apostrophes are dropped, all white space is folded to single spaces (so
# line wrapping and indentation do not matter), and "- " becomes "-" (a
# hyphenated word broken across lines).  Exit 0 if all are found, 1 listing
# each missing phrase, 2 on a usage error.

set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 PHRASES TEXTFILE" >&2
	exit 2
fi
phrases=$1
text=$2
for f in "$phrases" "$text"; do
	if [ ! -r "$f" ]; then
		echo "$0: cannot read $f" >&2
		exit 2
	fi
done

# Bytes, not characters: the typographic quotes are matched as UTF-8.
LC_ALL=C
export LC_ALL

# U+2018 U+2019 U+201C U+201D, U+00AB U+00BB, U+2039 U+203A in UTF-8.
quotes=$(printf '\342\200\230|\342\200\231|\342\200\234|\342\200\235|\302\253|\302\273|\342\200\271|\342\200\272')

normalise() {
	tr -d "\"'" | awk -v q="$quotes" '{ gsub(q, ""); print }' |
	tr '\t\r\n\f\v' '     ' | tr -s ' '
}

haystack=$(normalise < "$text" | sed -e 's/- /-/g')

missing=0
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'#'* | '') continue ;;
	esac
	needle=$(printf '%s\n' "$line" | normalise | sed -e 's/- /-/g' \
		-e 's/^ //' -e 's/ $//')
	[ -n "$needle" ] || continue
	case $haystack in
	*"$needle"*) ;;
	*)
		printf 'missing: %s\n' "$line"
		missing=$((missing + 1))
		;;
	esac
done < "$phrases"

if [ "$missing" -ne 0 ]; then
	echo "$missing phrase(s) missing from $text" >&2
	exit 1
fi
exit 0
