#!/bin/sh
# units.sh - the systemd units in contrib/ stay hardened: systemd-analyze
# security rates each "OK" or better (exposure below 5.0; issue 14), and
# each keeps the settings the confinement rests on. Skipped where
# systemd-analyze is missing or lacks --offline (systemd < 250).
. "$(dirname "$0")/../lib.sh"
command -v systemd-analyze >/dev/null 2>&1 || skip_all "no systemd-analyze"
systemd-analyze security --help 2>/dev/null | grep -q -- --offline \
	|| skip_all "systemd-analyze security has no --offline"

for u in idmview-update.service idmview-kiosk.service; do
	f="$TOP_SRCDIR/contrib/$u"
	(cd "$T" && systemd-analyze security --offline=yes "$f") > "$T/sec" 2>&1
	line=$(grep "Overall exposure level" "$T/sec")
	diag "$line"
	score=$(printf '%s\n' "$line" | sed -n 's/.*: \([0-9.]*\) .*/\1/p')
	level=$(printf '%s\n' "$line" | sed -n 's/.*: [0-9.]* \([A-Z]*\).*/\1/p')
	case "$level" in
	SAFE|OK) ok 0 "$u: exposure $score $level" ;;
	*) ok 1 "$u: exposure $score $level, OK or better expected"
	   grep '^✗' "$T/sec" | sed 's/^/#   /' ;;
	esac
	for s in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
	         ReadWritePaths=/var/lib/idmview CapabilityBoundingSet= RestrictAddressFamilies=; do
		grep -q "^$s" "$f"; is "$?" 0 "$u sets $s"
	done
done
done_testing
