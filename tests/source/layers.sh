#!/bin/sh
# layers.sh - the layers of src/ are kept apart by the build, and this
# checks what the build alone cannot: which layer includes the terminal's
# and the network's headers, and that each link unit needs nothing from
# a layer above it (core from neither update nor ui, update not from ui).
. "$(dirname "$0")/../lib.sh"
SRC="$TOP_SRCDIR/src"

# includes_of PATTERN FILES...: the files that include a header matching PATTERN
includes_of() {
	pat=$1
	shift
	grep -lE "#include[[:space:]]*[<\"]($pat)[>\"]" "$@" 2>/dev/null | sed "s|$SRC/||" | tr '\n' ' '
}
curses='(n?cursesw?/)?n?curses\.h|ncurses\.h'
is "$(includes_of "$curses" "$SRC"/core/* "$SRC"/update/* "$SRC"/import/* "$SRC"/*.c)" "" \
	"no file outside src/ui/ includes curses.h"
is "$(includes_of "$curses" "$SRC"/ui/*)" "ui/ui_curses.h " \
	"in src/ui/, only ui_curses.h picks the curses header"
is "$(includes_of 'curl/curl\.h' "$SRC"/core/* "$SRC"/ui/* "$SRC"/import/* "$SRC"/*.c "$SRC"/update/*)" "update/net.c " \
	"only src/update/net.c includes curl.h"

# The symbols a library needs that a higher layer defines.
defined() { nm -g --defined-only "$1" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u; }
needed() { nm -u "$1" 2>/dev/null | awk 'NF == 2 { print $2 }' | sort -u; }
L="$BUILDDIR/src"
if command -v nm >/dev/null 2>&1 && [ -f "$L/core/libidmcore.a" ]; then
	defined "$L/core/libidmcore.a" > "$T/def_core"
	defined "$L/update/libidmupdate.a" > "$T/def_update"
	defined "$L/ui/libidmui.a" > "$T/def_ui"
	needed "$L/core/libidmcore.a" > "$T/und_core"
	needed "$L/update/libidmupdate.a" > "$T/und_update"
	is "$(comm -12 "$T/und_core" "$T/def_update" | tr '\n' ' ')" "" \
		"the core needs nothing from src/update/"
	is "$(comm -12 "$T/und_core" "$T/def_ui" | tr '\n' ' ')" "" \
		"the core needs nothing from src/ui/"
	is "$(comm -12 "$T/und_update" "$T/def_ui" | tr '\n' ' ')" "" \
		"src/update/ needs nothing from src/ui/"
	# the browser runs idmview-update as a child (core/upclient.c) and
	# links none of src/update/ (issue #12; tests/source/helper.sh: ldd)
	needed "$L/ui/libidmui.a" > "$T/und_ui"
	is "$(comm -12 "$T/und_ui" "$T/def_update" | tr '\n' ' ')" "" \
		"src/ui/ needs nothing from src/update/"
	# the publisher is built on the core and the store's writing side
	# only: no network code in it
	if command -v ldd >/dev/null 2>&1; then
		ldd "$PUBLISH" > "$T/ldd_publish" 2>&1
		lacks "$T/ldd_publish" "libcurl" "idmview-publish does not link libcurl"
		lacks "$T/ldd_publish" "libncurses" "idmview-publish does not link ncurses"
	fi
else
	ok 1 "nm and the built libraries are there"
fi
done_testing
