#!/bin/sh
# A damaged STORE/current (dangling, a loop, a regular file, pointing
# outside the store) must not open the door to a rollback: the highest
# verified serial present (recorded in STORE/floor, and proved by the
# version directories' own manifests) stays the floor of every update,
# nothing verified is deleted, and the reader shows the newest intact
# verified version rather than the bundled content.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

SRC="$T/src"
new_src "$SRC"
for n in 9 10 11; do
	set_page "$SRC" hotline "Hotline of serial $n."
	"$PUBLISH" --sign="$KEY.key" --serial=$n "$SRC" "$T/tree$n" >/dev/null 2>&1 ||
		bail_out "publish $n"
done
G="$T/good"
upd "$G" "$T/tree10/"
is "$rc" 0 "install 10"
upd "$G" "$T/tree11/"
is "$rc" 0 "install 11 (10 is kept beside it)"
ok "$(test -d "$G/10" && test -d "$G/11"; echo $?)" "versions 10 and 11 are in the store"
cp -R "$T/tree11" "$T/outside11"
mkdir -p "$T/elsewhere/9"
cp -R "$T/tree9/." "$T/elsewhere/9/"
mkdir -p "$T/elsewhere/9/content"

# versions STORE: the version directories with each manifest's hash.
versions() {
	for d in "$1"/[0-9]*; do
		[ -d "$d" ] && printf '%s %s\n' "${d##*/}" "$(sha256sum < "$d/manifest" | cut -c1-16)"
	done
}
versions "$G" > "$T/versions.good"

# damage CASE STORE: a copy of the good store with `current` damaged.
damage() {
	rm -rf "$2"
	cp -R "$G" "$2"
	rm -f "$2/current"
	case $1 in
	dangling) ln -s 99 "$2/current" ;;
	loop) ln -s current "$2/current" ;;
	regular) printf '11\n' > "$2/current" ;;
	outside) ln -s "$T/elsewhere/9" "$2/current" ;;
	dotdot) ln -s ../elsewhere/9 "$2/current" ;;
	missing) ;;
	esac
}

for c in dangling loop regular outside dotdot missing; do
	S="$T/s-$c"
	damage $c "$S"
	"$IDMVIEW" -s "$S" --dump hotline > "$T/out" 2>&1
	contains "$T/out" "Hotline of serial 11." "$c current: the reader shows the newest verified version"
	"$IDMVIEW" -s "$S" --status > "$T/out" 2>&1
	contains "$T/out" "current serial: 11" "$c current: --status names it"

	upd "$S" "$T/tree9/"
	is "$rc" 3 "$c current: an older serial (9) is refused"
	contains "$T/out" "older than the installed 11" "$c current: as a rollback"
	versions "$S" > "$T/versions"
	same_file "$T/versions.good" "$T/versions" "$c current: no verified version deleted"

	upd "$S" "$T/tree10/"
	is "$rc" 3 "$c current: serial 10, present but not the newest, is refused too"

	upd "$S" "$T/tree11/"
	is "$rc" 0 "$c current: the newest serial counts as installed"
	is "$(readlink "$S/current")" 11 "$c current: and current is repaired"
	cv=$(check_version "$S"); is "$?:$cv" "0:" "$c current: a whole version"
done

# current dangling and the newest version itself damaged: the reader
# shows the newest intact one, and the floor still holds.
S="$T/s-both"
damage dangling "$S"
printf 'garbage\n' > "$S/11/manifest"
"$IDMVIEW" -s "$S" --dump hotline > "$T/out" 2>&1
contains "$T/out" "Hotline of serial 10." "newest version damaged too: the reader shows the intact 10"
upd "$S" "$T/tree9/"
is "$rc" 3 "newest version damaged too: serial 9 is refused"
contains "$T/out" "older than the installed 11" "the floor file remembers 11"

# The floor is kept apart from `current` and from the version directories:
# with both gone, serial 10 is still older than what was verified.
S="$T/s-floor"
damage dangling "$S"
rm -rf "$S/11" "$S/10"
upd "$S" "$T/tree10/"
is "$rc" 3 "no version left: serial 10 is still refused (the floor is 11)"
contains "$T/out" "older than" "as a rollback"

# ... and the version directories prove it when the floor file is lost.
S="$T/s-nofloor"
damage regular "$S"
rm -f "$S/floor"
upd "$S" "$T/tree10/"
is "$rc" 3 "no floor file, current damaged: serial 10 refused (version 11 proves more)"
ok "$(test -d "$S/11"; echo $?)" "and version 11 is still there"

done_testing
