#!/bin/sh
# store-full.sh - updates into a store on a truly full filesystem: a small
# tmpfs mounted for the test (root or CAP_SYS_ADMIN; skipped otherwise),
# the store found through XDG_DATA_HOME on it, nginx on 127.0.0.1.
#  1. no room for the download: a 300 KB page with 100 KiB free;
#  2. every level of free space (4 KiB pages) from none up to enough:
#     no room for the download, room for the files but not for the new
#     version's manifest and signature;
#  3. every level of free inodes from none up to enough (tmpfs counts each
#     file, directory and hard link): the stage's directories and links,
#     its files, and the switch's symlink.
# Each failure: status 3, "No space left on device" and what to do, the
# store byte for byte as before, the reader on the old version. With the
# space freed, the next update succeeds and does not fetch again what was
# already whole (a cut download resumes).
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"
[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"

MNT="$T/mnt"
mount_tmpfs "$MNT" size=2m,nr_inodes=400,mode=0755
trap 'umount "$MNT" 2>/dev/null || umount -l "$MNT"; stop_nginx; _tap_cleanup' EXIT
trap 'exit 1' INT TERM HUP
start_nginx -l "$T/srv" || { cat "$NG/error.log"; bail_out "nginx did not start"; }

S="$MNT/idmview/store"
# fupd: one update, the store found as a user's would be; $rc, $T/out.
fupd() {
	XDG_DATA_HOME="$MNT" "$IDMVIEW" -u --update-url="$URL/" --trusted-key="$KEY.pub" > "$T/out" 2>&1
	rc=$?
}
reader() { XDG_DATA_HOME="$MNT" "$IDMVIEW" --dump hotline 2>&1; }
# publish SERIAL: the source as it is now, served.
publish() {
	"$PUBLISH" --sign="$KEY.key" --serial="$1" "$SRC" "$T/tree$1" > "$T/pub.out" 2>&1 ||
		{ cat "$T/pub.out"; bail_out "publish failed"; }
	bump "$T/tree$1"
	ln -sfn "$T/tree$1" "$T/srv"
}
# mark / fetched NAME: bytes of by-hash/NAME nginx sent since mark.
mark() { _mark=$(wc -l < "$NG/access.log"); }
fetched() { tail -n +$((_mark + 1)) "$NG/access.log" | awk -v f="/by-hash/$1" '$1 == f {s += $4} END {print s + 0}'; }
# unfill / fill_blocks K / fill_inodes K: leave K free pages or inodes.
# The counts are read only once they have settled (what the last update
# or rm freed can still be on its way back, more so on a loaded machine),
# and the inode fill is then made exact: a level that came out one too
# many would hide the level the sweep is after.
unfill() { rm -rf "$MNT/fill" "$MNT/inodes"; }
settle() {
	_was= _i=0
	while [ $_i -lt 50 ]; do
		_now=$(stat -f -c '%a %d' "$MNT")
		[ "$_now" = "$_was" ] && return
		_was=$_now
		sleep 0.05
		_i=$((_i + 1))
	done
}
fill_blocks() {
	unfill
	settle
	set -- "$1" $(stat -f -c '%a %S' "$MNT")
	head -c $(($2 * $3 - $1 * $3)) /dev/zero > "$MNT/fill"
	settle
	[ "$(stat -f -c %a "$MNT")" = "$1" ] || diag "fill_blocks: $(stat -f -c %a "$MNT") free, not $1"
}
fill_inodes() {
	unfill
	mkdir "$MNT/inodes"
	settle
	_n=$(($(stat -f -c %d "$MNT") - $1))
	while [ "$_n" -gt 0 ]; do : > "$MNT/inodes/$_n"; _n=$((_n - 1)); done
	_i=0
	while settle && _free=$(stat -f -c %d "$MNT") && [ "$_free" != "$1" ] && [ $_i -lt 20 ]; do
		if [ "$_free" -gt "$1" ]; then
			: > "$MNT/inodes/more$_i"
		else
			rm -f "$(ls -d "$MNT"/inodes/* | head -n 1)"
		fi
		_i=$((_i + 1))
	done
	[ "$(stat -f -c %d "$MNT")" = "$1" ] || diag "fill_inodes: $(stat -f -c %d "$MNT") free, not $1"
}
# whole_partials: the downloads partial/ holds whole (SHA, not SHA.part).
whole_partials() { ls "$S/partial" 2>/dev/null | grep -xE '[0-9a-f]{64}'; }
ADVICE="free some space there and run the update again"

SRC="$T/src"
new_src "$SRC"
set_page "$SRC" hotline "Hotline of serial 10."
publish 10
fupd
is "$rc" 0 "version 10 installed in a store on a 2 MiB tmpfs"

# --- 1. no room for the download ---------------------------------------
set_page "$SRC" hotline "Hotline of serial 11."
big_page "$SRC" iris 400 storefull
publish 11
bigsha=$(grep ' iris.xml$' "$T/tree11/manifest" | cut -d' ' -f2)
bigsize=$(grep ' iris.xml$' "$T/tree11/manifest" | cut -d' ' -f3)
fill_blocks 25
snap "$S" > "$T/before"
fupd
is "$rc" 3 "no room for the download: exit status 3"
contains "$T/out" "No space left on device" "no room for the download: says the disk is full"
contains "$T/out" "$ADVICE" "no room for the download: says what to do"
contains "$T/out" "$S" "no room for the download: names the store"
snap "$S" > "$T/after"
same_file "$T/before" "$T/after" "no room for the download: the store is unchanged"
reader > "$T/dump"
contains "$T/dump" "Hotline of serial 10." "no room for the download: the reader shows version 10"
had=$(wc -c < "$S/partial/$bigsha.part" 2>/dev/null || echo 0)
diag "cut off after $had of $bigsize bytes"
ok "$([ "$had" -gt 0 ] && [ "$had" -lt "$bigsize" ]; echo $?)" "no room for the download: the cut download is kept to resume"
# the advice in the reader's language (French here), the reason kept
LANGUAGE=fr XDG_DATA_HOME="$MNT" "$IDMVIEW" -u --update-url="$URL/" --trusted-key="$KEY.pub" > "$T/out.fr" 2>&1
is "$?" 3 "no room, in French: exit status 3"
contains "$T/out.fr" "libérez de l’espace et relancez la mise à jour" "no room, in French: says what to do in French"
whole_partials > "$T/whole"
unfill
mark
fupd
is "$rc" 0 "space freed: the next update succeeds"
is "$(readlink "$S/current")" 11 "space freed: current is version 11"
cv=$(check_version "$S"); is "$?:$cv" "0:" "space freed: version 11 is whole"
got=$(fetched "$bigsha")
refetch=$((got - (bigsize - had)))
diag "resume: fetched $got bytes of the page; $refetch of them again"
ok "$([ "$refetch" -lt 65536 ]; echo $?)" "space freed: the download resumed ($refetch bytes fetched again, < 64 KiB)"
again=0
for f in $(cat "$T/whole"); do [ "$(fetched "$f")" = 0 ] || again=$((again + 1)); done
ok "$([ -s "$T/whole" ] && [ $again = 0 ]; echo $?)" "space freed: the $(wc -l < "$T/whole") whole download(s) were not fetched again"
reader > "$T/dump"
contains "$T/dump" "Hotline of serial 11." "space freed: the reader shows version 11"

# --- 2 and 3: every level of free space --------------------------------
# Each level starts from a copy of this store (versions 10 and 11) and
# updates it to version 12, one changed page.
cp -a "$S" "$T/pristine"
set_page "$SRC" hotline "Hotline of serial 12."
publish 12
# sweep blocks|inodes: levels from 0 up to the first that succeeds.
sweep() {
	_kind=$1 _k=0 _bad=0 _levels=0 _whole_seen=0 _switch_seen=0
	while [ $_k -le 80 ]; do
		unfill
		rm -rf "$S"
		cp -a "$T/pristine" "$S"
		"fill_$_kind" $_k
		snap "$S" > "$T/before"
		fupd
		_levels=$((_levels + 1))
		if [ "$rc" = 0 ]; then
			cv=$(check_version "$S") && [ "$(readlink "$S/current")" = 12 ] ||
				{ _bad=$((_bad + 1)); diag "$_kind $_k: succeeded, but current is $(readlink "$S/current"): $cv"; }
			break
		fi
		_why=
		[ "$rc" = 3 ] || _why="status $rc"
		grep -q "No space left on device" "$T/out" || _why="$_why; no 'No space left on device'"
		grep -qF "$ADVICE" "$T/out" || _why="$_why; no advice"
		snap "$S" > "$T/after"
		cmp -s "$T/before" "$T/after" || _why="$_why; the store changed: $(diff "$T/before" "$T/after" | grep '^[<>]' | head -n 3 | tr '\n' ' ')"
		reader | grep -q "Hotline of serial 11." || _why="$_why; the reader does not show version 11"
		whole_partials > "$T/whole"
		[ -s "$T/whole" ] && _whole_seen=1
		grep -q "current.tmp" "$T/out" && _switch_seen=1
		_msg=$(grep 'update failed' "$T/out" | sed "s|$S/||g")
		unfill
		mark
		fupd
		if [ "$rc" != 0 ] || [ "$(readlink "$S/current")" != 12 ]; then
			_why="$_why; the next update: status $rc: $(cat "$T/out")"
		else
			for f in $(cat "$T/whole"); do
				[ "$(fetched "$f")" = 0 ] || _why="$_why; fetched $f again"
			done
			reader | grep -q "Hotline of serial 12." || _why="$_why; after the next update the reader does not show version 12"
		fi
		if [ -n "$_why" ]; then
			_bad=$((_bad + 1))
			diag "$_kind $_k free: $_msg"
			diag "    wrong: ${_why#; }"
		fi
		_k=$((_k + 1))
	done
	diag "$_kind: $_levels levels, the first to succeed: $_k free"
}

sweep blocks
is "$_bad" 0 "free pages 0 to $_k: each failed cleanly (status 3, said so, store unchanged, old version read), the next update succeeded without fetching again"
ok "$([ "$rc" = 0 ] && [ $_k -gt 0 ] && [ $_k -lt 80 ]; echo $?)" "free pages: a level with enough space succeeds"
is "$_whole_seen" 1 "free pages: the sweep reached a level with the files downloaded but no room for the rest"

sweep inodes
is "$_bad" 0 "free inodes 0 to $_k: each failed cleanly (status 3, said so, store unchanged, old version read), the next update succeeded without fetching again"
ok "$([ "$rc" = 0 ] && [ $_k -gt 0 ] && [ $_k -lt 80 ]; echo $?)" "free inodes: a level with enough inodes succeeds"
is "$_switch_seen" 1 "free inodes: the sweep reached the switch (no room for the new current link)"

done_testing
