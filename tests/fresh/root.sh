# tests/fresh/root.sh - the minimal Debian 12 root that fresh-check.sh
# and deb-check.sh both start from; sourced by them. They set SUITE,
# CACHE, MAX_DAYS and LOGDIR and define say and fail_setup; mnt and
# stop_root work on $R and add to $MOUNTS.

# mirror_from_apt: the URI apt uses for $SUITE's main archive (not the
# security one): deb822 .sources first, then one-line sources.list.
mirror_from_apt() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk -v suite="$SUITE" '
			function flush() {
				if (uris != "" && (" " suites " ") ~ (" " suite " ") && !found) { split(uris, u, " "); print u[1]; found = 1 }
				uris = ""; suites = ""
			}
			/^[ \t]*$/ { flush(); next }
			/^[ \t]*#/ { next }
			tolower($1) == "uris:" { $1 = ""; uris = $0 }
			tolower($1) == "suites:" { $1 = ""; suites = $0 }
			END { flush() }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		# deb [options] URI SUITE COMPONENTS...
		sed -e 's/\[[^]]*\]//' "$f" | awk -v suite="$SUITE" '$1 == "deb" && $3 == suite { print $2 }'
	done
}

# base_root: the cached tarball of `debootstrap --variant=minbase $SUITE`
# from $MIRROR, made again when missing or older than MAX_DAYS days, in
# $BASE; takes the cache's lock (fd 9) for as long as the caller runs.
base_root() {
	mkdir -p "$CACHE" || fail_setup "cannot make $CACHE"
	BASE="$CACHE/$SUITE-minbase.tar.gz"
	exec 9> "$CACHE/lock"
	flock 9 || fail_setup "cannot lock $CACHE/lock"
	if [ ! -s "$BASE" ] || [ -n "$(find "$BASE" -mmin +$((MAX_DAYS * 24 * 60)) 2>/dev/null)" ]; then
		say "debootstrap --variant=minbase $SUITE (cache missing or older than $MAX_DAYS days)"
		build="$CACHE/build.$$"
		rm -rf --one-file-system "$build"
		if debootstrap --variant=minbase "$SUITE" "$build" "$MIRROR" > "$LOGDIR/debootstrap.log" 2>&1 &&
			tar -C "$build" -czf "$BASE.new" . && mv "$BASE.new" "$BASE"; then
			rm -rf --one-file-system "$build"
			say "base root cached in $BASE ($(elapsed))"
		else
			tail -n 20 "$LOGDIR/debootstrap.log"
			rm -rf --one-file-system "$build" "$BASE.new"
			fail_setup "debootstrap failed (log: $LOGDIR/debootstrap.log)"
		fi
	else
		say "base root from $BASE (made $(date -r "$BASE" '+%Y-%m-%d'))"
	fi
}

# stop_root: stops what still runs in the root (processes this check
# started: their root directory is $R), by pid.
stop_root() {
	for sig in TERM KILL; do
		pids=""
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && pids="$pids ${p#/proc/}"
		done
		[ -n "$pids" ] || return 0
		# shellcheck disable=SC2086
		kill -s $sig $pids 2>/dev/null
		sleep 1
	done
}

# mnt TARGET MOUNT-ARGS...: mounts, and remembers it for cleanup.
mnt() {
	target=$1
	shift
	mount "$@" "$target" || fail_setup "mount $* $target failed"
	MOUNTS="$target $MOUNTS"
}

# prepare_root: a clean copy of $BASE in $R, set up like a freshly
# installed machine: apt's sources from $MIRROR, the name server, and a
# proxy this machine's apt needs (the root's apt needs it as well).
prepare_root() {
	{ mkdir -p "$R" && tar -C "$R" -xzf "$BASE"; } || fail_setup "cannot extract $BASE"
	echo "deb $MIRROR $SUITE main" > "$R/etc/apt/sources.list"
	cp -L /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null
	apt-config dump 2>/dev/null | grep -i '^Acquire::[a-z]*::Proxy ' > "$R/etc/apt/apt.conf.d/00proxy"
	[ -s "$R/etc/apt/apt.conf.d/00proxy" ] || rm -f "$R/etc/apt/apt.conf.d/00proxy"
}

# release_root: stops what runs in $R, unmounts $MOUNTS (last mounted
# first) and removes $RUN, unless something is still mounted there or
# IDMVIEW_FRESH_KEEP is set. For the caller's EXIT trap.
release_root() {
	stop_root
	for m in $MOUNTS; do # last mounted first
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "cannot unmount $m"
	done
	if grep -q " $R/" /proc/self/mounts; then
		say "still mounted under $R; leaving $RUN"
	elif [ -n "${IDMVIEW_FRESH_KEEP:-}" ]; then
		say "the root is kept in $R"
	else
		rm -rf --one-file-system "$RUN"
	fi
}
