#!/bin/sh
# check-content.sh [SRCDIR]
#
# Validate the bundled content: every SRCDIR/data/*.xml (the site index and
# the page files; the schema is data/idmview.rng) against the RELAX NG
# schema with xmllint, and refuse any file with a DOCTYPE, as the loader
# does.  Then check that the index and the page files agree: each indexed
# file exists and its root id is the indexed id, and each menu item names
# an indexed page.  Exit 0 if all is well, 1 otherwise.

set -u

srcdir=${1:-.}
data=$srcdir/data
schema=$data/idmview.rng

if ! command -v xmllint >/dev/null 2>&1; then
	echo "$0: xmllint not found (libxml2-utils)" >&2
	exit 1
fi
if [ ! -r "$schema" ]; then
	echo "$0: cannot read $schema" >&2
	exit 1
fi

status=0
fail() {
	echo "$0: $*" >&2
	status=1
}

found=0
for f in "$data"/*.xml; do
	[ -e "$f" ] || continue
	found=1
	if grep -q '<!DOCTYPE' "$f"; then
		fail "$f: has a DOCTYPE (the loader refuses it)"
	fi
	xmllint --noout --nonet --relaxng "$schema" "$f" || status=1
done
[ "$found" -eq 1 ] || fail "no content files in $data"

site=$data/site.xml
if [ ! -r "$site" ]; then
	fail "$site: missing"
	exit 1
fi

xp() {
	xmllint --nonet --xpath "$2" "$1" 2>/dev/null
}

n=$(xp "$site" 'count(/site/page)')
ids=
i=1
while [ "$i" -le "${n:-0}" ]; do
	id=$(xp "$site" "string(/site/page[$i]/@id)")
	file=$(xp "$site" "string(/site/page[$i]/@file)")
	ids="$ids $id"
	i=$((i + 1))
	if [ ! -r "$data/$file" ]; then
		fail "$site: page $id: file $file not found"
		continue
	fi
	root=$(xp "$data/$file" 'string(/page/@id)')
	[ "$root" = "$id" ] ||
		fail "$data/$file: root id is \"$root\", site.xml says \"$id\""
done

# Ids are split on purpose; globbing is off so none can expand.
set -f
# shellcheck disable=SC2086
dups=$(printf '%s\n' $ids | sort | uniq -d | tr '\n' ' ')
set +f
[ -z "$dups" ] || fail "$site: duplicate page ids: $dups"

n=$(xp "$site" 'count(//item)')
i=1
while [ "$i" -le "${n:-0}" ]; do
	item=$(xp "$site" "string((//item)[$i]/@page)")
	i=$((i + 1))
	case "$ids " in
	*" $item "*) ;;
	*) fail "$site: menu item names unknown page $item" ;;
	esac
done

exit $status
