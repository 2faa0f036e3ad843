#!/bin/sh
# upclient-launcher.sh - upclient.sh's misbehaving stand-ins again, each run
# by a kiosk's launcher (src/core/launcher.c) as in a confined kiosk: the
# same failures, reported the same way (the wait status comes over the
# launcher's socket), every child stopped and reaped, the launcher too.
UPCLIENT_LAUNCHER=1
export UPCLIENT_LAUNCHER
. "$(dirname "$0")/upclient.sh"
