#!/bin/sh
# tests/bench/bench-search.sh - search with the full-text index (issue #13),
# by hand: sh tests/bench/bench-search.sh [MB...] (default 1 10 100).
# For each size, a collection from gencontent.py (10 KB pages) in a temp
# dir, then: index build time and size; --search of a rare word
# ("hotline", planted in 1 page in 100) and of an absent one through the
# index, by the scan (IDMVIEW_NO_INDEX) and by `grep -rlci` on the same
# files; a common word (in every page); peak memory of a search; the
# rebuild after one page changes; the updater's index of a new version
# with one page changed, from the previous one's and in full. Wall times of one run each, in seconds.
# Not part of make check; exit 0 when it ran.
. "$(dirname "$0")/../lib.sh"
sizes=${*:-1 10 100}
export XDG_CACHE_HOME="$T/cache"
t() { /usr/bin/time -f '%e %M' -o "$T/tm" "$@" > /dev/null 2>&1; cat "$T/tm"; }
echo "idmview search with the index; $(uname -m), $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf '%6s | %8s | %9s | %-22s | %-18s | %-16s | %s\n' MB build index-MB \
	"rare: index/scan/grep" "absent: index/scan" "common: idx/scan" "1-page rebuild"
for mb in $sizes; do
	c="$T/c$mb"
	python3 "$TESTDIR/bench/gencontent.py" --out "$c" --pages $((mb * 100)) --page-kb 10 > /dev/null
	rm -rf "$T/cache"
	set -- $(t "$IDMVIEW" -d "$c" --search=zzqqxx); build=$1
	size=$(du -m "$T"/cache/idmview/index-*.sqlite | cut -f1)
	sizek=$(du -k "$T"/cache/idmview/index-*.sqlite | cut -f1)
	set -- $(t "$IDMVIEW" -d "$c" --search=hotline); ri=$1 rkb=$2
	set -- $(IDMVIEW_NO_INDEX=1 t "$IDMVIEW" -d "$c" --search=hotline); rs=$1
	set -- $(t grep -rlci hotline "$c"); rg=$1
	set -- $(t "$IDMVIEW" -d "$c" --search=zzqqxx); ai=$1
	set -- $(IDMVIEW_NO_INDEX=1 t "$IDMVIEW" -d "$c" --search=zzqqxx); as=$1
	set -- $(t "$IDMVIEW" -d "$c" --search=migration); ci=$1
	set -- $(IDMVIEW_NO_INDEX=1 t "$IDMVIEW" -d "$c" --search=migration); cs=$1
	set -- $(t grep -rlci migration "$c"); cg=$1
	textk=$(du -sk "$c" | cut -f1)
	f=$(ls "$c" | grep -v site.xml | head -n 1)
	sed 's/<\/p>/ quokkaword<\/p>/' "$c/$f" > "$T/new" && mv "$T/new" "$c/$f"
	set -- $(t "$IDMVIEW" -d "$c" --search=quokkaword); up=$1
	printf '%6s | %8s | %9s | %-22s | %-18s | %-16s | %s\n' "$mb" "$build" "$size" \
		"$ri / $rs / $rg" "$ai / $as" "$ci / $cs" "$up"
	diag "$mb MB: peak memory of the rare-word search ${rkb} KiB"
	# the updater's way: a version's index from the previous one's, one page changed
	mk="$BUILDDIR/src/idmview-mkindex"
	"$mk" --beside "$c" && cp -al "$c" "$c.2" && rm -f "$c.2/.idmview-index.sqlite"
	g=$(ls "$c" | grep -v site.xml | sed -n 2p)
	sed 's/<\/p>/ quokkaword<\/p>/' "$c/$g" > "$T/new" && mv "$T/new" "$c.2/$g"
	set -- $(t "$mk" --from "$c" "$c.2"); inc=$1
	rm -f "$c.2/.idmview-index.sqlite"
	set -- $(t "$mk" --beside "$c.2"); full=$1
	diag "$mb MB: a new version's index, one page changed: $inc s from the previous one's, $full s in full"
	rm -rf "$c.2"
	rm -rf "$c"
	[ -n "${first_ri:-}" ] || first_ri=$ri first_mb=$mb
done
# Issue 13's goals, on the largest size (100 MB is the issue's collection).
goal() { awk -v what="$1" -v v="$2" -v g="$3" -v unit="$4" 'BEGIN {
	printf "  %-44s %8.2f%s  (goal <= %s%s) %s\n", what, v, unit, g, unit, (v <= g ? "met" : "MISSED") }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 99) }'; }
echo "against issue 13's goals, at $mb MB:"
goal "rare word: --search vs grep -rlci" "$(ratio "$ri" "$rg")" 0.1 x
goal "common word: --search vs grep -rlci" "$(ratio "$ci" "$cg")" 0.3 x
goal "index build" "$build" 10 " s"
goal "index size vs the text" "$(ratio "$sizek" "$textk")" 0.6 x
goal "one page changed: the updater's re-index" "$inc" 1 " s"
goal "peak memory of a search" "$(awk -v k="$rkb" 'BEGIN { printf "%.1f", k / 1024 }')" 32 " MiB"
goal "rare word: growth from $first_mb MB" "$(ratio "$ri" "$first_ri")" 1.5 x
exit 0
