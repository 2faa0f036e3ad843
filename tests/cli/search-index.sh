#!/bin/sh
# search-index.sh - where the search index comes from (issue #13): the
# bundled content's, built by make and installed with it; what happens
# when the cache cannot be written.
. "$(dirname "$0")/../lib.sh"
unset COLUMNS

# --- the bundled content's index, built at make time ---
# lib.sh gives an empty HOME; with a cache directory of our own, nothing
# may be written there: the index make built is read, none is built.
ls -a "$BUILDDIR/data/.idmview-index.sqlite" > /dev/null 2>&1
ok $? "make built the bundled content's index in the build tree's data/"
mkdir -p "$T/cache"
export XDG_CACHE_HOME="$T/cache"
run --search='council 2001'
is "$(cut -f1 "$T/out")" "idm" "--search on the bundled content finds the page"
[ ! -s "$T/err" ]; ok $? "and says nothing on stderr (an index was used)"
is "$(find "$T/cache" "$HOME" -mindepth 1 | wc -l)" 0 \
	"the prebuilt index is read: no cache file, nothing written under HOME"
for q in 'council 2001' iom '"dialogue on migration"' hotline zzqqxx; do
	IDMVIEW_NO_INDEX=1 "$IDMVIEW" --search="$q" > "$T/want" 2>&1
	"$IDMVIEW" --search="$q" > "$T/got" 2>&1
	cmp -s "$T/want" "$T/got"; ok $? "prebuilt index: '$q' answers as the scan"
done
# -d with the same directory is the same content: the same index
run -d "$DATA" --search=council
is "$(find "$T/cache" -mindepth 1 | wc -l)" 0 "-d DATA (the bundled directory) reads it too"
# a copy is anyone's files: the prebuilt index is not its own
cp -R "$DATA" "$T/copy"
run -d "$T/copy" --search=council
ls "$T"/cache/idmview/index-*.sqlite > /dev/null 2>&1
ok $? "a copy of the content gets its own index in the cache"
rm -rf "$T/cache"/* "$T/copy"
done_testing
